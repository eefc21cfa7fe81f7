/* hash.h: the one non-cryptographic string hash of the host (FNV-1a, 64 bits), for the hash
 * tables of the statement cache (pg.c), the static file table (static.c), the catalog's key maps
 * (catalog.c) and the signal keys of waiting requests (runtime.c). Not for anything an attacker
 * chooses to collide on purpose at scale. */
#ifndef GROCER_HASH_H
#define GROCER_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t grocer_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

#endif
