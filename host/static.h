/* static.h: the files of the app's static/ folder, held in memory and served at /static/.
 *
 * A set is loaded once (startup, reload) with blocking reads, off any serving loop, and is never
 * changed afterwards: any number of threads may read it at once. grocer_static_respond does no I/O
 * and allocates nothing, so the worker's HTTP layer calls it on the loop thread.
 *
 * Lifetime: every pointer in a grocer_static_reply_t points into the set (or at static strings)
 * and stays valid until grocer_static_free of that set. */
#ifndef GROCER_STATIC_H
#define GROCER_STATIC_H

#include <stddef.h>

#define GROCER_STATIC_MAX_FILE_BYTES (16u << 20) /* one file over this fails the load */
#define GROCER_STATIC_MAX_PATH 1024              /* longest relative path, in bytes */
#define GROCER_STATIC_CACHE_CONTROL "public, max-age=3600"

typedef struct grocer_static_s grocer_static_t;

typedef struct grocer_static_reply_s {
    int status;                 /* 200, 304, 404, 405 (method other than GET/HEAD), 400 (bad path) */
    const char *content_type;   /* e.g. "text/css; charset=utf-8"; NULL for 304 and errors */
    const char *body;           /* 200 to GET only; NULL for HEAD, 304 and errors */
    size_t body_len;            /* 200 (GET and HEAD): the Content-Length */
    const char *etag;           /* quoted strong etag, e.g. "\"5f3a-1c2b\"" (200, 304) */
    const char *last_modified;  /* IMF-fixdate (200, 304) */
    const char *cache_control;  /* "public, max-age=3600" (200, 304) */
    const char *content_encoding; /* "gzip" or NULL (200 only) */
    int vary_accept_encoding;   /* 1 when a .gz sibling exists (send Vary: Accept-Encoding) */
    const char *allow;          /* for 405: "GET, HEAD" */
} grocer_static_reply_t;

/* Loads every regular file under dir (recursively; skips dotfiles; follows no symlink that leaves dir).
 * A missing dir gives an empty set. Returns NULL and writes a message into err on failure. Caller frees with grocer_static_free. */
grocer_static_t *grocer_static_load(const char *dir, size_t max_total_bytes, char *err, size_t errlen);
void grocer_static_free(grocer_static_t *st);
size_t grocer_static_count(const grocer_static_t *st);
/* Bytes held for file contents (the sum that max_total_bytes caps). */
size_t grocer_static_total_bytes(const grocer_static_t *st);

/* Decides the answer for one request. path is the raw request path AFTER the "/static/" prefix, not yet
 * percent-decoded and without the query string. Header arguments may be NULL/0 when absent.
 * st may be NULL (no set loaded): every path is then 404. */
void grocer_static_respond(const grocer_static_t *st, const char *method, size_t method_len,
                           const char *path, size_t path_len,
                           const char *if_none_match, size_t inm_len,
                           const char *if_modified_since, size_t ims_len,
                           const char *accept_encoding, size_t ae_len,
                           grocer_static_reply_t *out);

#endif
