/* request.c: HTTP/1.x request parsing on top of llhttp, with limits. Owns the copy of the
 * request head and the body buffer of one connection; knows nothing of sockets or Lua.
 * Runs on the worker's loop thread (and in tests and the fuzz target). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "request.h"

#define HEAD_LINE_OVERHEAD 4     /* ": " and CRLF of each header line */

static int fail(grocer_request_t *r, int status, const char *reason)
{
    if (!r->error_status) {
        r->error_status = status;
        r->error_reason = reason;
    }
    return -1;
}

static int head_append(grocer_request_t *r, const char *at, size_t len)
{
    r->head_bytes += len;
    if (r->head_bytes > r->max_head)
        return fail(r, 431, "request head too large");
    if (len == 0) return 0;     /* llhttp reports empty spans; the head may not exist yet */
    if (r->head_len + len > r->head_cap) {
        size_t cap = r->head_cap ? r->head_cap : 1024;
        while (cap < r->head_len + len) cap *= 2;
        char *p = realloc(r->head, cap);
        if (!p) return fail(r, 503, "out of memory");
        r->head = p;
        r->head_cap = (uint32_t)cap;
    }
    memcpy(r->head + r->head_len, at, len);
    r->head_len += (uint32_t)len;
    return 0;
}

static grocer_request_t *of(llhttp_t *p) { return (grocer_request_t *)p->data; }

static int on_message_begin(llhttp_t *p)
{
    of(p)->started = 1;
    return 0;
}

static int on_url(llhttp_t *p, const char *at, size_t len)
{
    grocer_request_t *r = of(p);
    if (r->url_len == 0) r->url = r->head_len;
    if (head_append(r, at, len) < 0) return -1;
    r->url_len += (uint32_t)len;    /* only bytes actually copied count */
    return 0;
}

/* Trailer fields (after a chunked body) count against the head limit but are not kept: RFC 9110
 * 6.5.1 forbids merging them into the header section. */
static int skip_trailer(grocer_request_t *r, size_t len, int new_line)
{
    r->head_bytes += len + (new_line ? HEAD_LINE_OVERHEAD : 0);
    if (r->head_bytes > r->max_head) return fail(r, 431, "request head too large");
    return 0;
}

static int on_header_field(llhttp_t *p, const char *at, size_t len)
{
    grocer_request_t *r = of(p);
    if (r->headers_done) {
        int new_line = r->last_was_value;
        r->last_was_value = 0;
        return skip_trailer(r, len, new_line);
    }
    if (r->last_was_value || r->nheaders == 0) {
        if (r->nheaders == GROCER_MAX_HEADERS)
            return fail(r, 431, "too many headers");
        grocer_header_t *h = &r->headers[r->nheaders++];
        h->name = r->head_len;
        h->name_len = 0;
        h->value = r->head_len;
        h->value_len = 0;
        r->last_was_value = 0;
        r->head_bytes += HEAD_LINE_OVERHEAD;
    }
    if (head_append(r, at, len) < 0) return -1;
    r->headers[r->nheaders - 1].name_len += (uint32_t)len;
    return 0;
}

static int on_header_value(llhttp_t *p, const char *at, size_t len)
{
    grocer_request_t *r = of(p);
    if (r->headers_done) {
        r->last_was_value = 1;
        return skip_trailer(r, len, 0);
    }
    grocer_header_t *h = &r->headers[r->nheaders - 1];
    if (!r->last_was_value) {
        /* RFC 9112 5.1: no whitespace between name and colon; a name is never empty. */
        const char *name = r->head ? r->head + h->name : "";
        if (h->name_len == 0 || name[h->name_len - 1] == ' ' || name[h->name_len - 1] == '\t')
            return fail(r, 400, "invalid header name");
        h->value = r->head_len;
        r->last_was_value = 1;
    }
    if (head_append(r, at, len) < 0) return -1;
    h->value_len += (uint32_t)len;
    return 0;
}

/* RFC 9110 5.5: trailing whitespace is not part of a field value. */
static int on_header_value_complete(llhttp_t *p)
{
    grocer_request_t *r = of(p);
    if (r->headers_done || r->nheaders == 0) return 0;
    grocer_header_t *h = &r->headers[r->nheaders - 1];
    while (h->value_len > 0 && (r->head[h->value + h->value_len - 1] == ' ' ||
                                r->head[h->value + h->value_len - 1] == '\t'))
        h->value_len--;
    return 0;
}

/* Every coding named in the Transfer-Encoding lines is "chunked" (llhttp has checked that
 * chunked comes last and once). */
static int only_chunked(const grocer_request_t *r)
{
    for (int i = 0; i < r->nheaders; i++) {
        const grocer_header_t *h = &r->headers[i];
        if (h->name_len != 17 || strncasecmp(r->head + h->name, "transfer-encoding", 17) != 0) continue;
        const char *v = r->head + h->value, *end = v + h->value_len;
        while (v < end) {
            while (v < end && (*v == ' ' || *v == '\t' || *v == ',')) v++;
            const char *t = v;
            while (v < end && *v != ',' && *v != ' ' && *v != '\t') v++;
            if (v > t && !(v - t == 7 && strncasecmp(t, "chunked", 7) == 0)) return 0;
        }
    }
    return 1;
}

static int on_chunk_header(llhttp_t *p)
{
    grocer_request_t *r = of(p);
    if (p->content_length > r->max_body - r->body_len)
        return fail(r, 413, "body larger than the limit");
    return 0;
}

static int on_headers_complete(llhttp_t *p)
{
    grocer_request_t *r = of(p);
    r->headers_done = 1;
    r->keep_alive = llhttp_should_keep_alive(p) ? 1 : 0;
    if (p->http_major != 1)
        return fail(r, 505, "HTTP version not supported");
    int hosts = 0;
    for (int i = 0; i < r->nheaders; i++)
        hosts += r->headers[i].name_len == 4 && strncasecmp(r->head + r->headers[i].name, "host", 4) == 0;
    if (hosts > 1)
        return fail(r, 400, "more than one Host");
    if ((p->flags & F_CHUNKED) && !only_chunked(r))
        return fail(r, 501, "unsupported transfer coding");
    if (p->http_major == 1 && p->http_minor >= 1 && !grocer_request_header(r, "host", NULL))
        return fail(r, 400, "HTTP/1.1 request without Host");
    if ((p->flags & F_CONTENT_LENGTH) && p->content_length > r->max_body)
        return fail(r, 413, "body larger than the limit");
    size_t len;
    const char *expect = grocer_request_header(r, "expect", &len);
    if (expect) {
        if (len == 12 && strncasecmp(expect, "100-continue", 12) == 0) {
            if (p->http_major == 1 && p->http_minor >= 1) r->expect_continue = 1;
        } else {
            return fail(r, 417, "unsupported Expect");
        }
    }
    if (p->upgrade) {
        /* No protocol switching here: answer as a plain request and close afterwards. */
        r->upgrade = 1;
        r->keep_alive = 0;
    }
    return 0;
}

static int on_body(llhttp_t *p, const char *at, size_t len)
{
    grocer_request_t *r = of(p);
    if (r->body_len + len > r->max_body)
        return fail(r, 413, "body larger than the limit");
    if (r->body_len + len > r->body_cap) {
        size_t cap = r->body_cap ? r->body_cap : 4096;
        while (cap < r->body_len + len) cap *= 2;
        if (cap > r->max_body) cap = r->max_body;
        char *b = realloc(r->body, cap);
        if (!b) return fail(r, 503, "out of memory");
        r->body = b;
        r->body_cap = cap;
    }
    memcpy(r->body + r->body_len, at, len);
    r->body_len += len;
    return 0;
}

static int on_message_complete(llhttp_t *p)
{
    of(p)->complete = 1;
    return HPE_PAUSED;
}

static const llhttp_settings_t settings = {
    .on_message_begin = on_message_begin,
    .on_url = on_url,
    .on_header_field = on_header_field,
    .on_header_value = on_header_value,
    .on_header_value_complete = on_header_value_complete,
    .on_headers_complete = on_headers_complete,
    .on_chunk_header = on_chunk_header,
    .on_body = on_body,
    .on_message_complete = on_message_complete,
};

static void clear_message(grocer_request_t *r)
{
    r->head_len = 0;
    r->head_bytes = 0;
    r->url = r->url_len = 0;
    r->nheaders = 0;
    r->last_was_value = 0;
    r->body_len = 0;
    r->started = r->headers_done = r->complete = 0;
    r->keep_alive = r->expect_continue = r->continue_sent = r->upgrade = 0;
}

void grocer_request_init(grocer_request_t *r, size_t max_head, size_t max_body)
{
    memset(r, 0, sizeof *r);
    r->max_head = max_head;
    r->max_body = max_body;
    llhttp_init(&r->parser, HTTP_REQUEST, &settings);
    r->parser.data = r;
}

void grocer_request_free(grocer_request_t *r)
{
    free(r->head);
    free(r->body);
    r->head = NULL;
    r->body = NULL;
    r->head_cap = 0;
    r->body_cap = 0;
}

size_t grocer_request_feed(grocer_request_t *r, const char *data, size_t len)
{
    if (r->complete || r->error_status || len == 0) return 0;
    llhttp_errno_t e = llhttp_execute(&r->parser, data, len);
    if (e == HPE_OK) return len;
    if (e == HPE_PAUSED) return (size_t)(llhttp_get_error_pos(&r->parser) - data);
    if (!r->error_status) {
        /* A transfer coding we cannot decode is "not implemented" (RFC 9112, 6.1). */
        r->error_status = e == HPE_INVALID_TRANSFER_ENCODING ? 501 : 400;
        r->error_reason = llhttp_get_error_reason(&r->parser);
    }
    return len;
}

void grocer_request_next(grocer_request_t *r)
{
    clear_message(r);
    llhttp_resume(&r->parser);
}

const char *grocer_request_method(const grocer_request_t *r)
{
    return llhttp_method_name((llhttp_method_t)r->parser.method);
}

const char *grocer_request_header(const grocer_request_t *r, const char *name, size_t *len)
{
    size_t n = strlen(name);
    for (int i = 0; i < r->nheaders; i++) {
        const grocer_header_t *h = &r->headers[i];
        if (h->name_len == n && strncasecmp(r->head + h->name, name, n) == 0) {
            if (len) *len = h->value_len;
            return r->head + h->value;
        }
    }
    return NULL;
}
