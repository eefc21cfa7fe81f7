/* static.c: the app's static/ folder, read into memory once and served at /static/.
 *
 * Owns the loading of the tree (startup and reload, blocking reads, never on a serving loop), the
 * lookup table, and the HTTP decision for one request: method, path decoding and refusal of
 * traversal, content type, gzip negotiation, ETag / Last-Modified revalidation, Cache-Control.
 * It writes no headers and touches no socket: the worker's HTTP layer calls grocer_static_respond
 * on its loop thread, only reading the set, and turns the reply into a response.
 *
 * DESIGN. Requests never reach the disk: the answer comes from the table built at load, keyed by
 * the relative path ("css/app.css"), so a crafted path can at worst miss. Choices, nginx-like:
 * - Dotfiles and dot folders are not loaded. A symlink is followed only when it resolves to a
 *   regular file inside the tree, not under a dot folder; symlinked folders are skipped (no cycles).
 * - "a.css.gz" beside "a.css" is the gzip form of "a.css", sent when Accept-Encoding allows gzip,
 *   with its own ETag and Last-Modified (two representations, two strong tags) and Vary on both.
 *   Asked for by its own name it is served as it is, application/gzip, without Content-Encoding.
 * - Empty and "." segments are dropped ("js//a.js", "./a.css"); a ".." segment, NUL or backslash
 *   anywhere is 404; bad percent-encoding is 400; a folder or a trailing slash is 404 (no listing).
 * - GET and HEAD only (405 with Allow otherwise, even for a missing file). If-None-Match wins over
 *   If-Modified-Since; the latter must be an IMF-fixdate (others are ignored) and gives 304 when the
 *   file is not newer (RFC 9110, not nginx's default exact match). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "hash.h"
#include "static.h"

#define MAX_DEPTH 32

typedef struct entry_s {
    char *key;                  /* relative path, "css/app.css" */
    size_t key_len;
    uint64_t hash;
    char *data;
    size_t size;
    time_t mtime;
    const char *type;
    const struct entry_s *gz;   /* the "<key>.gz" entry, or NULL */
    char etag[40];
    char last_modified[40];
} entry_t;

struct grocer_static_s {
    entry_t *entries;
    size_t count, cap;
    size_t *slots;              /* open addressing: entry index + 1, 0 for empty */
    size_t nslots;              /* a power of two */
    size_t total, max_total;
    /* while loading only */
    char root[PATH_MAX];        /* realpath of dir, without a trailing slash */
    size_t root_len;
    size_t rel_off;             /* where the relative path starts in the walk's path buffer */
};


/* ---- content types ---- */

static const struct { const char *ext, *type; } types[] = {
    { "html", "text/html; charset=utf-8" },      { "htm", "text/html; charset=utf-8" },
    { "css", "text/css; charset=utf-8" },        { "js", "text/javascript; charset=utf-8" },
    { "mjs", "text/javascript; charset=utf-8" }, { "txt", "text/plain; charset=utf-8" },
    { "xml", "text/xml; charset=utf-8" },        { "json", "application/json" },
    { "map", "application/json" },               { "webmanifest", "application/manifest+json" },
    { "svg", "image/svg+xml" },                  { "png", "image/png" },
    { "jpg", "image/jpeg" },                     { "jpeg", "image/jpeg" },
    { "webp", "image/webp" },                    { "avif", "image/avif" },
    { "gif", "image/gif" },                      { "ico", "image/x-icon" },
    { "woff", "font/woff" },                     { "woff2", "font/woff2" },
    { "pdf", "application/pdf" },                { "wasm", "application/wasm" },
    { "gz", "application/gzip" },
};

static const char *type_of(const char *key)
{
    const char *slash = strrchr(key, '/');
    const char *dot = strrchr(slash ? slash : key, '.');
    if (dot && dot[1]) {
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcasecmp(dot + 1, types[i].ext) == 0) return types[i].type;
    }
    return "application/octet-stream";
}


/* ---- dates ---- */

static const char wdays[] = "SunMonTueWedThuFriSat";
static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

static void format_imf_date(time_t t, char *buf, size_t len)
{
    struct tm tm;
    if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999) {
        t = 0;
        gmtime_r(&t, &tm);
    }
    snprintf(buf, len, "%.3s, %02d %.3s %04d %02d:%02d:%02d GMT", wdays + 3 * tm.tm_wday,
             tm.tm_mday, months + 3 * tm.tm_mon, tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
             tm.tm_sec);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "Sun, 06 Nov 1994 08:49:37 GMT" -> seconds since the epoch. 0, or -1 when not that format. */
static int parse_imf_date(const char *s, size_t n, time_t *out)
{
    if (n != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
        s[19] != ':' || s[22] != ':' || memcmp(s + 25, " GMT", 4) != 0)
        return -1;
    int mon = -1;
    for (int i = 0; i < 12; i++)
        if (memcmp(s + 8, months + 3 * i, 3) == 0) mon = i;
    struct tm tm = {
        .tm_mday = digits(s + 5, 2), .tm_mon = mon, .tm_year = digits(s + 12, 4) - 1900,
        .tm_hour = digits(s + 17, 2), .tm_min = digits(s + 20, 2), .tm_sec = digits(s + 23, 2),
    };
    if (mon < 0 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_year < -1900 || tm.tm_hour < 0 ||
        tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 || tm.tm_sec > 60)
        return -1;
    *out = timegm(&tm);
    return 0;
}


/* ---- the table ---- */

static entry_t *find(const grocer_static_t *st, const char *key, size_t len)
{
    if (!st || !st->nslots) return NULL;
    uint64_t h = grocer_hash(key, len);
    for (size_t i = h & (st->nslots - 1);; i = (i + 1) & (st->nslots - 1)) {
        if (!st->slots[i]) return NULL;
        entry_t *e = &st->entries[st->slots[i] - 1];
        if (e->hash == h && e->key_len == len && memcmp(e->key, key, len) == 0) return e;
    }
}

static int build_table(grocer_static_t *st)
{
    st->nslots = 16;
    while (st->nslots < st->count * 2) st->nslots *= 2;
    st->slots = calloc(st->nslots, sizeof *st->slots);
    if (!st->slots) return -1;
    for (size_t k = 0; k < st->count; k++) {
        size_t i = st->entries[k].hash & (st->nslots - 1);
        while (st->slots[i]) i = (i + 1) & (st->nslots - 1);
        st->slots[i] = k + 1;
    }
    for (size_t k = 0; k < st->count; k++) {
        entry_t *gz = &st->entries[k];
        if (gz->key_len > 3 && memcmp(gz->key + gz->key_len - 3, ".gz", 3) == 0) {
            entry_t *plain = find(st, gz->key, gz->key_len - 3);
            if (plain) plain->gz = gz;
        }
    }
    return 0;
}


/* ---- loading ---- */

/* Reads one regular file (path) into a new entry keyed by rel. */
static int add_file(grocer_static_t *st, const char *path, const char *rel, char *err, size_t errlen)
{
    size_t rel_len = strlen(rel);
    if (rel_len >= GROCER_STATIC_MAX_PATH) {
        snprintf(err, errlen, "static: %s: path longer than %d bytes", path, GROCER_STATIC_MAX_PATH);
        return -1;
    }
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) < 0) {
        snprintf(err, errlen, "static: cannot open %s: %s", path, strerror(errno));
        if (fd >= 0) close(fd);
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) { /* swapped since lstat: not ours */
        close(fd);
        return 0;
    }
    size_t size = (size_t)sb.st_size, per_file = GROCER_STATIC_MAX_FILE_BYTES;
    if (size > per_file || size > st->max_total - st->total) {
        snprintf(err, errlen, "static: %s is %zu bytes: over the %s limit (%zu bytes)", path, size,
                 size > per_file ? "per-file" : "total", size > per_file ? per_file : st->max_total);
        close(fd);
        return -1;
    }
    char *data = malloc(size ? size : 1);
    if (!data) goto oom;
    size_t got = 0;
    while (got < size) {
        ssize_t r = read(fd, data + got, size - got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            snprintf(err, errlen, "static: cannot read %s: %s", path, strerror(errno));
            free(data);
            close(fd);
            return -1;
        }
        if (r == 0) break; /* shrank while we read: keep what is there */
        got += (size_t)r;
    }
    close(fd);
    fd = -1;
    if (st->count == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 64;
        entry_t *p = realloc(st->entries, cap * sizeof *p);
        if (!p) {
            free(data);
            goto oom;
        }
        st->entries = p;
        st->cap = cap;
    }
    entry_t *e = &st->entries[st->count];
    memset(e, 0, sizeof *e);
    if (!(e->key = strdup(rel))) {
        free(data);
        goto oom;
    }
    e->data = data;
    e->key_len = rel_len;
    e->hash = grocer_hash(rel, rel_len);
    e->size = got;
    e->mtime = sb.st_mtime;
    e->type = type_of(rel);
    snprintf(e->etag, sizeof e->etag, "\"%llx-%zx\"", (unsigned long long)e->mtime, e->size);
    format_imf_date(e->mtime, e->last_modified, sizeof e->last_modified);
    st->total += got;
    st->count++;
    return 0;
oom:
    snprintf(err, errlen, "static: out of memory loading %s", path);
    if (fd >= 0) close(fd);
    return -1;
}

/* 1 when a symlink at path resolves inside the tree and not under a dot folder. */
static int link_stays_inside(const grocer_static_t *st, const char *path)
{
    char real[PATH_MAX];
    if (!realpath(path, real)) return 0;
    if (strncmp(real, st->root, st->root_len) != 0 || real[st->root_len] != '/') return 0;
    return strstr(real + st->root_len, "/.") == NULL;
}

/* Walks the folder named by path[0..len) (path has PATH_MAX bytes), adding its files. */
static int load_dir(grocer_static_t *st, char *path, size_t len, int depth, char *err, size_t errlen)
{
    if (depth > MAX_DEPTH) {
        snprintf(err, errlen, "static: %s: folders nested deeper than %d", path, MAX_DEPTH);
        return -1;
    }
    DIR *d = opendir(path);
    if (!d) {
        snprintf(err, errlen, "static: cannot open folder %s: %s", path, strerror(errno));
        return -1;
    }
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.') continue; /* ".", "..", dotfiles */
        size_t n = strlen(de->d_name);
        if (len + 1 + n >= PATH_MAX) {
            snprintf(err, errlen, "static: path too long under %.*s", (int)len, path);
            rc = -1;
            break;
        }
        path[len] = '/';
        memcpy(path + len + 1, de->d_name, n + 1);
        struct stat sb;
        if (lstat(path, &sb) < 0) {
            snprintf(err, errlen, "static: cannot stat %s: %s", path, strerror(errno));
            rc = -1;
        } else if (S_ISDIR(sb.st_mode)) {
            rc = load_dir(st, path, len + 1 + n, depth + 1, err, errlen);
        } else if (S_ISREG(sb.st_mode) ||
                   (S_ISLNK(sb.st_mode) && link_stays_inside(st, path) && stat(path, &sb) == 0 &&
                    S_ISREG(sb.st_mode))) {
            rc = add_file(st, path, path + st->rel_off, err, errlen);
        } /* else: a link leaving the tree, a linked folder, a fifo, a socket: skipped */
        path[len] = '\0';
    }
    closedir(d);
    return rc;
}

grocer_static_t *grocer_static_load(const char *dir, size_t max_total_bytes, char *err, size_t errlen)
{
    grocer_static_t *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, errlen, "static: out of memory");
        return NULL;
    }
    st->max_total = max_total_bytes;
    if (!realpath(dir, st->root)) {
        if (errno == ENOENT) return st; /* no static/ folder: nothing to serve */
        snprintf(err, errlen, "static: cannot resolve %s: %s", dir, strerror(errno));
        goto fail;
    }
    st->root_len = strlen(st->root);
    if (st->root_len > 0 && st->root[st->root_len - 1] == '/') st->root[--st->root_len] = '\0';

    char path[PATH_MAX];
    size_t len = strlen(dir);
    if (len + 2 >= PATH_MAX) {
        snprintf(err, errlen, "static: path too long: %s", dir);
        goto fail;
    }
    memcpy(path, dir, len + 1);
    st->rel_off = len + 1;
    if (load_dir(st, path, len, 0, err, errlen) < 0) goto fail;
    if (build_table(st) < 0) {
        snprintf(err, errlen, "static: out of memory");
        goto fail;
    }
    return st;
fail:
    grocer_static_free(st);
    return NULL;
}

void grocer_static_free(grocer_static_t *st)
{
    if (!st) return;
    for (size_t i = 0; i < st->count; i++) {
        free(st->entries[i].key);
        free(st->entries[i].data);
    }
    free(st->entries);
    free(st->slots);
    free(st);
}

size_t grocer_static_count(const grocer_static_t *st)
{
    return st ? st->count : 0;
}

size_t grocer_static_total_bytes(const grocer_static_t *st)
{
    return st ? st->total : 0;
}


/* ---- one request ---- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Percent-decodes path into key (cap bytes), dropping empty and "." segments. Returns 0, 400 for
 * bad percent-encoding, or 404 for what names no file: NUL, backslash, "..", a trailing slash or
 * "." segment, an empty path, a path too long. */
static int decode_path(const char *p, size_t n, char *key, size_t cap, size_t *key_len)
{
    size_t o = 0, seg = 0; /* seg: where the current segment starts in key */
    for (size_t i = 0; i <= n; i++) {
        int c = '/'; /* past the end: closes the last segment */
        if (i < n && p[i] == '%') {
            if (n - i < 3 || hexval(p[i + 1]) < 0 || hexval(p[i + 2]) < 0) return 400;
            c = hexval(p[i + 1]) * 16 + hexval(p[i + 2]);
            i += 2;
        } else if (i < n) {
            c = (unsigned char)p[i];
        }
        if (c == '\0' || c == '\\') return 404;
        if (c != '/') {
            if (o >= cap) return 404;
            key[o++] = (char)c;
            continue;
        }
        size_t sl = o - seg;
        int dot = sl == 1 && key[seg] == '.';
        if (sl == 2 && key[seg] == '.' && key[seg + 1] == '.') return 404;
        if (i == n) {
            if (sl == 0 || dot) return 404; /* "css/", "app.css/.", "" */
            break;
        }
        if (sl == 0 || dot) {
            o = seg;
        } else {
            if (o >= cap) return 404;
            key[o++] = '/';
            seg = o;
        }
    }
    *key_len = o;
    return 0;
}

/* Whether an Accept-Encoding value allows gzip: "gzip" or "*" with a q above 0, an explicit
 * "gzip" deciding over "*". */
static int accepts_gzip(const char *s, size_t n)
{
    int gzip_ok = -1, star_ok = -1;
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ',')) i++;
        size_t t = i;
        while (i < n && s[i] != ',' && s[i] != ';' && s[i] != ' ' && s[i] != '\t') i++;
        size_t tl = i - t;
        int ok = 1;
        while (i < n && s[i] != ',') {
            if (s[i++] != ';') continue;
            while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
            if (n - i >= 2 && (s[i] == 'q' || s[i] == 'Q') && s[i + 1] == '=') {
                i += 2;
                ok = 0; /* "0", "0.000", or anything malformed */
                if (i < n && s[i] == '1') {
                    ok = 1;
                } else if (i < n && s[i] == '0') {
                    for (size_t j = i + 1; j < n && s[j] != ',' && s[j] != ';'; j++)
                        if (s[j] >= '1' && s[j] <= '9') ok = 1;
                }
            }
        }
        if (tl == 4 && strncasecmp(s + t, "gzip", 4) == 0) gzip_ok = ok;
        else if (tl == 1 && s[t] == '*') star_ok = ok;
    }
    return gzip_ok >= 0 ? gzip_ok : star_ok > 0;
}

/* Whether an If-None-Match value lists etag ("*", or a weak comparison: W/ ignored). */
static int etag_listed(const char *s, size_t n, const char *etag)
{
    size_t elen = strlen(etag), i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ',')) i++;
        if (i == n) break;
        if (s[i] == '*') return 1;
        if (n - i >= 2 && s[i] == 'W' && s[i + 1] == '/') i += 2;
        if (i == n || s[i] != '"') return 0; /* malformed: no match */
        size_t b = i++;
        while (i < n && s[i] != '"') i++;
        if (i == n) return 0;
        i++;
        if (i - b == elen && memcmp(s + b, etag, elen) == 0) return 1;
    }
    return 0;
}

static int not_modified(const entry_t *e, const char *inm, size_t inm_len, const char *ims, size_t ims_len)
{
    if (inm && inm_len) return etag_listed(inm, inm_len, e->etag);
    time_t since;
    if (ims && ims_len && parse_imf_date(ims, ims_len, &since) == 0) return e->mtime <= since;
    return 0;
}

void grocer_static_respond(const grocer_static_t *st, const char *method, size_t method_len,
                           const char *path, size_t path_len,
                           const char *if_none_match, size_t inm_len,
                           const char *if_modified_since, size_t ims_len,
                           const char *accept_encoding, size_t ae_len,
                           grocer_static_reply_t *out)
{
    memset(out, 0, sizeof *out);
    int head = method_len == 4 && memcmp(method, "HEAD", 4) == 0;
    if (!head && !(method_len == 3 && memcmp(method, "GET", 3) == 0)) {
        out->status = 405;
        out->allow = "GET, HEAD";
        return;
    }
    char key[GROCER_STATIC_MAX_PATH];
    size_t key_len = 0;
    int rc = decode_path(path ? path : "", path ? path_len : 0, key, sizeof key, &key_len);
    const entry_t *e = rc ? NULL : find(st, key, key_len);
    if (!e) {
        out->status = rc ? rc : 404;
        return;
    }
    const entry_t *v = e; /* the representation sent: the file or its .gz */
    if (e->gz) {
        out->vary_accept_encoding = 1;
        if (accept_encoding && accepts_gzip(accept_encoding, ae_len)) v = e->gz;
    }
    out->etag = v->etag;
    out->last_modified = v->last_modified;
    out->cache_control = GROCER_STATIC_CACHE_CONTROL;
    if (not_modified(v, if_none_match, inm_len, if_modified_since, ims_len)) {
        out->status = 304;
        return;
    }
    out->status = 200;
    out->content_type = e->type;
    out->content_encoding = v != e ? "gzip" : NULL;
    out->body = head ? NULL : v->data;
    out->body_len = v->size;
}
