/* request_fuzz.c: libFuzzer target for host/request.c. Treats the input as the raw bytes a client
 * sends on one connection and feeds them the way http.c's process() does: feed, and on a
 * complete message look at it, grocer_request_next, go on with the bytes left; stop at a
 * refusal. Small limits (1 KiB head, 4 KiB body) so the 413 and 431 paths are reached.
 *
 * The input is parsed three times: fed whole, split in two reads at a point derived from the
 * data, and in reads of 1 to 16 bytes. Beyond what ASan and UBSan catch, it traps when an
 * invariant of request.h breaks (offsets inside the head, sizes within the limits, consumed
 * counts) or when the three ways disagree on the messages parsed: how bytes are cut into reads
 * must not change what a handler sees.
 *
 * The input is pure HTTP (no control prefix), so the seeds in corpus/request are readable
 * requests. Build and run: see README.md. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "request.h"

#define FUZZ_MAX_HEAD 1024
#define FUZZ_MAX_BODY 4096

#define REQUIRE(cond)                  \
    do {                               \
        if (!(cond)) __builtin_trap(); \
    } while (0)

/* What one way of feeding saw: a hash over every completed message, how many there were, and
 * whether the connection ended refused. */
typedef struct {
    uint64_t hash;
    int messages;
    int refused;
} outcome_t;

static uint64_t mix(uint64_t h, const void *p, size_t len)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < len; i++) h = (h ^ s[i]) * 0x100000001b3ULL;
    return h;
}

static uint64_t mix_int(uint64_t h, uint64_t v)
{
    return mix(h, &v, sizeof v);
}

/* UBSan reports are recoverable by default (CMake passes no -fno-sanitize-recover): make the
 * first one stop the run, so undefined behaviour is a finding like a crash. */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
    return "halt_on_error=1:print_stacktrace=1";
}

/* Bytes at an offset of the head; the head is NULL until its first byte is copied. */
static const char *at(const grocer_request_t *r, uint32_t off)
{
    return r->head ? r->head + off : "";
}

/* The invariants of a request at any point between feeds. */
static void check_state(const grocer_request_t *r)
{
    REQUIRE(r->nheaders >= 0 && r->nheaders <= GROCER_MAX_HEADERS);
    REQUIRE(r->head_len <= r->head_cap);
    REQUIRE(r->head != NULL || r->head_cap == 0);
    REQUIRE(r->body_len <= r->max_body);
    REQUIRE(r->body_len <= r->body_cap);
    REQUIRE(r->body != NULL || r->body_cap == 0);
    REQUIRE(r->body_cap <= r->max_body);
    REQUIRE((uint64_t)r->url + r->url_len <= r->head_len);
    for (int i = 0; i < r->nheaders; i++) {
        const grocer_header_t *h = &r->headers[i];
        REQUIRE((uint64_t)h->name + h->name_len <= r->head_len);
        REQUIRE((uint64_t)h->value + h->value_len <= r->head_len);
    }
    if (r->error_status != 431) REQUIRE(r->head_bytes <= r->max_head);
    if (r->error_status) {
        REQUIRE(r->error_status >= 400 && r->error_status <= 599);
        REQUIRE(r->error_reason != NULL);
        REQUIRE(!r->complete);
    }
    if (r->complete) REQUIRE(r->headers_done && r->started);
    if (r->expect_continue) REQUIRE(r->headers_done && r->parser.http_major == 1 && r->parser.http_minor >= 1);
    if (r->upgrade) REQUIRE(!r->keep_alive);
}

/* What a handler would do with a complete message: read the method, URL, a few headers and the
 * body, touching every byte so ASan sees a bad offset. Returns the message's hash. */
static uint64_t look_at(const grocer_request_t *r, uint64_t h)
{
    static const char *names[] = {"host", "content-type", "content-length", "cookie",
                                  "x-request-id", "expect", "transfer-encoding", "CONNECTION"};
    const char *m = grocer_request_method(r);
    REQUIRE(m != NULL);
    h = mix(h, m, strlen(m));
    h = mix(h, at(r, r->url), r->url_len);
    h = mix_int(h, (uint64_t)r->nheaders);
    for (int i = 0; i < r->nheaders; i++) {
        const grocer_header_t *hd = &r->headers[i];
        h = mix(h, at(r, hd->name), hd->name_len);
        h = mix(h, at(r, hd->value), hd->value_len);
    }
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        size_t len = 0;
        const char *v = grocer_request_header(r, names[i], &len);
        if (!v) continue;
        REQUIRE(len == 0 || (v >= r->head && v + len <= r->head + r->head_len));
        h = mix(h, v, len);
    }
    h = mix(h, r->body, r->body_len);
    h = mix_int(h, (uint64_t)r->keep_alive << 2 | r->upgrade << 1 | r->expect_continue);

    /* A body framed by Content-Length has exactly that many bytes. */
    size_t cl_len = 0;
    const char *cl = grocer_request_header(r, "content-length", &cl_len);
    if (cl && !grocer_request_header(r, "transfer-encoding", NULL) && cl_len > 0 && cl_len < 20) {
        char num[21];
        memcpy(num, cl, cl_len);
        num[cl_len] = '\0';
        char *end;
        unsigned long long want = strtoull(num, &end, 10);
        if (*end == '\0' && !r->upgrade) REQUIRE(r->body_len == want);
    }
    return h;
}

/* Feeds one read the way http.c's process() does. Returns 0 to go on reading, 1 when the
 * connection ends (refused). */
static int on_read(grocer_request_t *r, const uint8_t *data, size_t len, outcome_t *out)
{
    while (len > 0) {
        size_t n = grocer_request_feed(r, (const char *)data, len);
        REQUIRE(n <= len);
        check_state(r);
        if (r->error_status) {
            out->refused = 1;
            return 1;
        }
        if (!r->complete) {
            REQUIRE(n == len);   /* an unfinished message takes the whole read */
            return 0;
        }
        REQUIRE(n > 0 || r->started);
        out->hash = look_at(r, out->hash);
        out->messages++;
        /* A complete message takes nothing more until the next one is asked for. */
        if (n < len) REQUIRE(grocer_request_feed(r, (const char *)data + n, len - n) == 0);
        grocer_request_next(r);
        REQUIRE(!r->complete && r->nheaders == 0 && r->body_len == 0 && r->head_len == 0);
        data += n;
        len -= n;
    }
    return 0;
}

/* Parses the input as a sequence of reads: the first `first` bytes, then pieces of `step`. */
static outcome_t run(const uint8_t *data, size_t size, size_t first, size_t step)
{
    outcome_t out = {0xcbf29ce484222325ULL, 0, 0};
    grocer_request_t r;
    grocer_request_init(&r, FUZZ_MAX_HEAD, FUZZ_MAX_BODY);
    size_t off = 0;
    if (first > size) first = size;
    if (first && on_read(&r, data, first, &out)) goto done;
    off = first;
    while (off < size) {
        size_t n = size - off < step ? size - off : step;
        if (on_read(&r, data + off, n, &out)) break;
        off += n;
    }
done:
    check_state(&r);
    grocer_request_free(&r);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    uint64_t h = mix(0xcbf29ce484222325ULL, data, size < 64 ? size : 64);
    h = mix_int(h, size);

    outcome_t whole = run(data, size, size, size);
    outcome_t two = run(data, size, (size_t)(h % (size + 1)), size);
    outcome_t small = run(data, size, 0, 1 + (size_t)((h >> 32) % 16));

    /* Where reads are cut must not change the messages, nor whether the connection ends refused
     * (the status of a refusal may differ: a limit met in one way of cutting can come before a
     * parse error that a single read would see first). */
    REQUIRE(two.messages == whole.messages && small.messages == whole.messages);
    REQUIRE(two.hash == whole.hash && small.hash == whole.hash);
    REQUIRE(two.refused == whole.refused && small.refused == whole.refused);
    return 0;
}
