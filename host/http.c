/* http.c: the HTTP/1.1 connection machine of a worker (see http.h).
 *
 * DESIGN. A connection reads into the worker's shared buffer and feeds request.c. Each complete
 * request is answered before the next one is parsed, so pipelined responses leave in order: a
 * request answered synchronously (built-in endpoints, a Lua handler that never yields) lets the
 * loop go on with the bytes already read; one that waits (a yielded coroutine) parks the rest of
 * the input in c->pending until grocer_http_continue. Responses are gathered in c->out and
 * written with one uv_write per batch, double-buffered with c->wbuf. One timer per connection
 * serves every timeout; its mode says which. Refused requests get their answer, then a lingering
 * close (FIN, drain input briefly) so the client reads the answer instead of a reset. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "catalog_feed.h"
#include "http.h"
#include "log.h"
#include "metrics.h"
#include "pg.h"
#include "runtime.h"
#include "static.h"

enum { T_NONE, T_HEADER, T_BODY, T_IDLE, T_SEND, T_LINGER };

#define READ_BUF_SIZE 65536
#define LINGER_MS 2000
#define PENDING_EXTRA 65536

static char read_buf[READ_BUF_SIZE];
static int read_buf_busy;

static void process(grocer_conn_t *c, const char *data, size_t len);
static void flush(grocer_conn_t *c);
static void update_timer(grocer_conn_t *c);
static void close_conn(grocer_conn_t *c);

/* ---- reason phrases ---- */

const char *grocer_http_reason(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
    }
}

/* ---- output buffer ---- */

static int out_reserve(grocer_conn_t *c, size_t more)
{
    if (c->out_len + more <= c->out_cap) return 0;
    size_t cap = c->out_cap ? c->out_cap : 4096;
    while (cap < c->out_len + more) cap *= 2;
    char *p = realloc(c->out, cap);
    if (!p) return -1;
    c->out = p;
    c->out_cap = cap;
    return 0;
}

static void out_add(grocer_conn_t *c, const char *s, size_t len)
{
    if (out_reserve(c, len) < 0) {
        c->closing = 1;
        return;
    }
    memcpy(c->out + c->out_len, s, len);
    c->out_len += len;
}

#define OUT_LIT(c, s) out_add((c), (s), sizeof(s) - 1)

/* Decimal digits of n into dst (room for 20); returns how many. */
static size_t fmt_u64(char *dst, uint64_t n)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    memcpy(dst, tmp + i, sizeof tmp - i);
    return sizeof tmp - i;
}

static void out_num(grocer_conn_t *c, uint64_t n)
{
    char tmp[24];
    out_add(c, tmp, fmt_u64(tmp, n));
}

static const char *date_header(grocer_worker_t *w)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME_COARSE, &ts);
    if (ts.tv_sec != w->date_sec) {
        struct tm tm;
        gmtime_r(&ts.tv_sec, &tm);
        w->date_len = strftime(w->date, sizeof w->date, "Date: %a, %d %b %Y %H:%M:%S GMT\r\n", &tm);
        w->date_sec = ts.tv_sec;
    }
    return w->date;
}

static int header_ok(const grocer_hdr_t *h)
{
    if (h->name_len == 0) return 0;
    for (size_t i = 0; i < h->name_len; i++) {
        unsigned char ch = (unsigned char)h->name[i];
        if (ch <= 32 || ch >= 127 || ch == ':') return 0;
    }
    for (size_t i = 0; i < h->value_len; i++) {
        unsigned char ch = (unsigned char)h->value[i];
        if (ch == '\r' || ch == '\n' || ch == '\0') return 0;
    }
    return 1;
}

/* Status line and the headers every response carries. length < 0: chunked. */
static void write_head(grocer_conn_t *c, int status, const char *ctype, size_t ctype_len,
                       const grocer_hdr_t *hdrs, int nhdrs, int64_t length)
{
    grocer_worker_t *w = c->w;
    const char *reason = grocer_http_reason(status);
    size_t start = c->out_len;
    OUT_LIT(c, "HTTP/1.1 ");
    out_num(c, (uint64_t)status);
    out_add(c, " ", 1);
    out_add(c, reason, strlen(reason));
    OUT_LIT(c, "\r\nServer: grocer\r\n");
    const char *date = date_header(w);
    out_add(c, date, w->date_len);
    if (ctype_len) {
        OUT_LIT(c, "Content-Type: ");
        out_add(c, ctype, ctype_len);
        OUT_LIT(c, "\r\n");
    }
    if (length >= 0) {
        if (status != 304 && status != 204 && status >= 200) {
            OUT_LIT(c, "Content-Length: ");
            out_num(c, (uint64_t)length);
            OUT_LIT(c, "\r\n");
        }
    } else {
        OUT_LIT(c, "Transfer-Encoding: chunked\r\n");
    }
    if (c->w->draining) c->keep_alive = 0;
    if (c->keep_alive) {
        if (c->req.parser.http_minor == 0) OUT_LIT(c, "Connection: keep-alive\r\n");
    } else {
        OUT_LIT(c, "Connection: close\r\n");
    }
    OUT_LIT(c, "X-Request-Id: ");
    out_add(c, c->req_id, c->req_id_len);
    OUT_LIT(c, "\r\n");
    for (int i = 0; i < nhdrs; i++) {
        if (!header_ok(&hdrs[i])) {
            grocer_log(GROCER_LOG_ERROR, "http", "request %.*s: dropped a response header with a bad name or value",
                       (int)c->req_id_len, c->req_id);
            continue;
        }
        out_add(c, hdrs[i].name, hdrs[i].name_len);
        OUT_LIT(c, ": ");
        out_add(c, hdrs[i].value, hdrs[i].value_len);
        OUT_LIT(c, "\r\n");
    }
    OUT_LIT(c, "\r\n");
    c->resp_bytes = c->out_len - start;
    c->status = status;
}

/* ---- gauges: written on every change so a scrape never reads a stale count ---- */

static void gauges(grocer_worker_t *w)
{
    if (!grocer_shm) return;
    grocer_worker_slot_t *slot = &grocer_shm->workers[w->id];
    slot->inflight = w->inflight;
    slot->connections = w->nconns;
}

/* ---- end of a request: access log, metrics, ready for the next ---- */

static void json_escaped(grocer_worker_t *w, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') continue;
        grocer__worker_log_append(w, s + run, i - run);
        run = i + 1;
        if (ch == '"' || ch == '\\') {
            char e[2] = {'\\', (char)ch};
            grocer__worker_log_append(w, e, 2);
        } else {
            char e[6] = {'\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15]};
            grocer__worker_log_append(w, e, 6);
        }
    }
    grocer__worker_log_append(w, s + run, len - run);
}

/* One JSON line per request. The time prefix is formatted once a second. */
static void access_log(grocer_conn_t *c, uint64_t duration_us)
{
    static char prefix[64];
    static size_t prefix_len;
    static time_t prefix_sec = -1;
    grocer_worker_t *w = c->w;
    if (!w->cfg->access_log) return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    if (ts.tv_sec != prefix_sec) {
        struct tm tm;
        gmtime_r(&ts.tv_sec, &tm);
        prefix_len = strftime(prefix, sizeof prefix, "{\"time\":\"%Y-%m-%dT%H:%M:%S.", &tm);
        prefix_sec = ts.tv_sec;
    }
    char buf[160];
    size_t n = prefix_len;
    memcpy(buf, prefix, n);
    long msec = ts.tv_nsec / 1000000;
    buf[n++] = (char)('0' + msec / 100);
    buf[n++] = (char)('0' + msec / 10 % 10);
    buf[n++] = (char)('0' + msec % 10);
    memcpy(buf + n, "Z\",\"id\":\"", 9);
    n += 9;
    grocer__worker_log_append(w, buf, n);
    json_escaped(w, c->req_id, c->req_id_len);
    const char *m = c->req.complete ? grocer_request_method(&c->req) : "-";
    n = 0;
    memcpy(buf, "\",\"method\":\"", 12);
    n = 12;
    size_t ml = strlen(m);
    memcpy(buf + n, m, ml);
    n += ml;
    memcpy(buf + n, "\",\"path\":\"", 10);
    n += 10;
    grocer__worker_log_append(w, buf, n);
    json_escaped(w, c->path, c->path_len);
    n = 0;
#define LIT(s) (memcpy(buf + n, s, sizeof s - 1), n += sizeof s - 1)
    LIT("\",\"status\":");
    n += fmt_u64(buf + n, (uint64_t)c->status);
    LIT(",\"bytes\":");
    n += fmt_u64(buf + n, c->resp_bytes);
    LIT(",\"duration_us\":");
    n += fmt_u64(buf + n, duration_us);
    LIT(",\"worker\":");
    n += fmt_u64(buf + n, (uint64_t)w->id);
    LIT("}\n");
#undef LIT
    grocer__worker_log_append(w, buf, n);
}

static void request_done(grocer_conn_t *c, const char *route, size_t route_len)
{
    grocer_worker_t *w = c->w;
    uint64_t us = (uv_hrtime() - c->start_ns) / 1000;
    access_log(c, us);
    grocer_metrics_request(w->id, route, route_len, c->status, us);
    w->inflight--;
    gauges(w);
    c->in_flight = 0;
    c->streaming = c->sse = 0;
    c->task = NULL;
    if (!c->keep_alive || w->draining) c->closing = 1;
    grocer_request_next(&c->req);
}

void grocer_http_respond(grocer_conn_t *c, int status, const char *ctype, size_t ctype_len,
                         const grocer_hdr_t *hdrs, int nhdrs, const char *body, size_t len,
                         const char *route, size_t route_len)
{
    write_head(c, status, ctype, ctype_len, hdrs, nhdrs, (int64_t)len);
    if (!c->head_only && status != 304 && status != 204 && len) {
        out_add(c, body, len);
        c->resp_bytes += len;
    }
    request_done(c, route, route_len);
}

void grocer_http_error_page(grocer_conn_t *c, int status, const char *route)
{
    char body[512];
    const char *vi;
    switch (status) {
    case 400: vi = "Yêu cầu không hợp lệ"; break;
    case 404: vi = "Không tìm thấy trang"; break;
    case 405: vi = "Phương thức không được hỗ trợ"; break;
    case 408: vi = "Hết thời gian chờ yêu cầu"; break;
    case 413: vi = "Nội dung gửi lên quá lớn"; break;
    case 417: vi = "Không đáp ứng được Expect"; break;
    case 431: vi = "Tiêu đề yêu cầu quá lớn"; break;
    case 501: vi = "Máy chủ chưa hỗ trợ yêu cầu này"; break;
    case 503: vi = "Dịch vụ tạm thời không sẵn sàng"; break;
    default: vi = "Lỗi máy chủ"; break;
    }
    const char *en = grocer_http_reason(status);
    int n = snprintf(body, sizeof body,
                     "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>%d</title></head>"
                     "<body><h1>%d %s</h1><p lang=\"en\">%s</p></body></html>\n",
                     status, status, vi, en);
    static const char ctype[] = "text/html; charset=utf-8";
    grocer_http_respond(c, status, ctype, sizeof ctype - 1, NULL, 0, body, (size_t)n, route, strlen(route));
}

/* ---- streaming ---- */

int grocer_http_stream_start(grocer_conn_t *c, int status, const char *ctype, size_t ctype_len,
                             const grocer_hdr_t *hdrs, int nhdrs, int sse)
{
    if (c->closed || c->peer_gone) return -1;
    write_head(c, status, ctype, ctype_len, hdrs, nhdrs, c->head_only ? 0 : -1);
    c->streaming = !c->head_only;
    c->sse = sse;
    flush(c);
    return 0;
}

int grocer_http_stream_write(grocer_conn_t *c, const char *data, size_t len)
{
    if (c->closed || c->peer_gone) return -1;
    if (!c->streaming || len == 0) return 0;
    char size[20];
    int n = snprintf(size, sizeof size, "%zx\r\n", len);
    out_add(c, size, (size_t)n);
    out_add(c, data, len);
    OUT_LIT(c, "\r\n");
    c->resp_bytes += (size_t)n + len + 2;
    flush(c);
    return 0;
}

void grocer_http_stream_end(grocer_conn_t *c, const char *route, size_t route_len)
{
    if (c->streaming && !c->closed && !c->peer_gone) {
        OUT_LIT(c, "0\r\n\r\n");
        c->resp_bytes += 5;
    }
    request_done(c, route, route_len);
}

size_t grocer_http_backlog(const grocer_conn_t *c)
{
    return c->out_len + (c->writing ? c->wbuf_len : 0);
}

/* ---- built-in endpoints and dispatch ---- */

static void set_request_id(grocer_conn_t *c)
{
    size_t len;
    const char *id = grocer_request_header(&c->req, "x-request-id", &len);
    if (id && len > 0 && len <= 64) {
        size_t i;
        for (i = 0; i < len; i++) {
            unsigned char ch = (unsigned char)id[i];
            if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                  ch == '-' || ch == '_' || ch == '.' || ch == ':'))
                break;
        }
        if (i == len) {
            memcpy(c->req_id, id, len);
            c->req_id_len = len;
            return;
        }
    }
    /* worker prefix + a per-worker counter in hex: unique per server, cheap to make */
    grocer_worker_t *w = c->w;
    static const char hex[] = "0123456789abcdef";
    size_t n = strlen(w->id_prefix);
    memcpy(c->req_id, w->id_prefix, n);
    uint64_t v = ++w->req_counter;
    for (int i = 9; i >= 0; i--, v >>= 4) c->req_id[n + (size_t)i] = hex[v & 15];
    c->req_id_len = n + 10;
}

static int is_get(grocer_conn_t *c)
{
    uint8_t m = c->req.parser.method;
    return m == HTTP_GET || m == HTTP_HEAD;
}

static void builtin(grocer_conn_t *c, const char *route, const char *body, size_t len, const char *ctype)
{
    if (!is_get(c)) {
        grocer_hdr_t allow = {"Allow", 5, "GET, HEAD", 9};
        static const char msg[] = "method not allowed\n";
        grocer_http_respond(c, 405, "text/plain; charset=utf-8", 25, &allow, 1, msg, sizeof msg - 1,
                            route, strlen(route));
        return;
    }
    grocer_http_respond(c, 200, ctype, strlen(ctype), NULL, 0, body, len, route, strlen(route));
}

static void serve_static(grocer_conn_t *c)
{
    grocer_static_reply_t r;
    size_t inm_len = 0, ims_len = 0, ae_len = 0;
    const char *inm = grocer_request_header(&c->req, "if-none-match", &inm_len);
    const char *ims = grocer_request_header(&c->req, "if-modified-since", &ims_len);
    const char *ae = grocer_request_header(&c->req, "accept-encoding", &ae_len);
    const char *m = grocer_request_method(&c->req);
    grocer_static_respond(c->w->statics, m, strlen(m), c->path + 8, c->path_len - 8, inm, inm_len, ims, ims_len,
                          ae, ae_len, &r);
    if (r.status == 404 || r.status == 400) {
        grocer_http_error_page(c, r.status, "static");
        return;
    }
    grocer_hdr_t h[6];
    int n = 0;
#define HDR(nm, val)                                                  \
    do {                                                              \
        if (val) h[n++] = (grocer_hdr_t){nm, sizeof nm - 1, val, strlen(val)}; \
    } while (0)
    HDR("ETag", r.etag);
    HDR("Last-Modified", r.last_modified);
    HDR("Cache-Control", r.cache_control);
    HDR("Content-Encoding", r.content_encoding);
    if (r.vary_accept_encoding) HDR("Vary", "Accept-Encoding");
    HDR("Allow", r.allow);
#undef HDR
    const char *ct = r.content_type ? r.content_type : "";
    if (r.status == 304) {
        write_head(c, 304, NULL, 0, h, n, 0);
        request_done(c, "static", 6);
        return;
    }
    grocer_http_respond(c, r.status, ct, strlen(ct), h, n, r.body, r.body_len, "static", 6);
}

static void handle_request(grocer_conn_t *c)
{
    grocer_worker_t *w = c->w;
    c->start_ns = uv_hrtime();
    c->in_flight = 1;
    w->inflight++;
    gauges(w);
    c->status = 0;
    c->resp_bytes = 0;
    c->head_only = c->req.parser.method == HTTP_HEAD;
    c->keep_alive = c->req.keep_alive && !w->draining;
    set_request_id(c);

    const char *url = c->req.head + c->req.url;
    size_t url_len = c->req.url_len;
    const char *q = memchr(url, '?', url_len);
    c->path = url;
    c->path_len = q ? (size_t)(q - url) : url_len;
    c->query = q ? q + 1 : url + url_len;
    c->query_len = q ? url_len - c->path_len - 1 : 0;

    if (c->path_len == 0 || c->path[0] != '/') {
        /* absolute-form or asterisk-form: not for an origin server like this one */
        grocer_http_error_page(c, 400, "bad_request");
        return;
    }
    if (c->path_len >= 8 && memcmp(c->path, "/static/", 8) == 0) {
        serve_static(c);
        return;
    }
    if (c->path_len == 8 && memcmp(c->path, "/healthz", 8) == 0) {
        builtin(c, "/healthz", "ok\n", 3, "text/plain; charset=utf-8");
        return;
    }
    if (c->path_len == 7 && memcmp(c->path, "/readyz", 7) == 0) {
        if (grocer_runtime_ready(w->rt) && (!w->cfg->database_url[0] || grocer_pg_ready(w->pg)) &&
            grocer_catalog_feed_ready(w->catalog)) {
            builtin(c, "/readyz", "ready\n", 6, "text/plain; charset=utf-8");
        } else {
            grocer_http_error_page(c, 503, "/readyz");
        }
        return;
    }
    if (c->path_len == 8 && memcmp(c->path, "/metrics", 8) == 0) {
        size_t len;
        char *text = grocer_metrics_render(&len);
        if (!text) {
            grocer_http_error_page(c, 500, "/metrics");
            return;
        }
        builtin(c, "/metrics", text, len, "text/plain; version=0.0.4; charset=utf-8");
        free(text);
        return;
    }
    grocer_runtime_dispatch(w->rt, c);
}

/* ---- reading ---- */

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    (void)h;
    (void)suggested;
    if (read_buf_busy) {
        /* Only if libuv asks twice before reading: give a private buffer. */
        buf->base = malloc(READ_BUF_SIZE);
        buf->len = buf->base ? READ_BUF_SIZE : 0;
        return;
    }
    read_buf_busy = 1;
    buf->base = read_buf;
    buf->len = READ_BUF_SIZE;
}

static void pending_add(grocer_conn_t *c, const char *data, size_t len)
{
    if (c->pending_len + len > c->pending_cap) {
        size_t cap = c->pending_cap ? c->pending_cap : 4096;
        while (cap < c->pending_len + len) cap *= 2;
        char *p = realloc(c->pending, cap);
        if (!p) {
            c->closing = 1;
            return;
        }
        c->pending = p;
        c->pending_cap = cap;
    }
    memcpy(c->pending + c->pending_len, data, len);
    c->pending_len += len;
}

static void on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf)
{
    grocer_conn_t *c = (grocer_conn_t *)s;
    if (nread > 0 && !c->closed) {
        if (c->lingering) {
            /* discard */
        } else if (c->in_flight || c->pending_len) {
            pending_add(c, buf->base, (size_t)nread);
            if (c->pending_len > c->w->cfg->max_header + PENDING_EXTRA) {
                uv_read_stop(s);
                c->reading = 0;
            }
        } else {
            process(c, buf->base, (size_t)nread);
            flush(c);
            update_timer(c);
        }
    } else if (nread < 0 && !c->closed) {
        if (c->lingering || nread != UV_EOF) {
            close_conn(c);
        } else if (c->in_flight) {
            c->peer_gone = 1;
            uv_read_stop(s);
            c->reading = 0;
            if (c->task) grocer_runtime_peer_gone(c->task);
        } else if (c->writing || c->out_len) {
            c->closing = 1;
            uv_read_stop(s);
            c->reading = 0;
        } else {
            close_conn(c);
        }
    }
    if (buf->base == read_buf) read_buf_busy = 0;
    else free(buf->base);
}

static void refuse(grocer_conn_t *c, int status)
{
    c->keep_alive = 0;
    if (!c->in_flight) {
        c->start_ns = uv_hrtime();
        c->in_flight = 1;
        c->w->inflight++;
        gauges(c->w);
        c->head_only = 0;
        if (!c->req_id_len) set_request_id(c);
        if (!c->path) {
            c->path = "";
            c->path_len = 0;
        }
    }
    grocer_http_error_page(c, status, "refused");
    c->closing = 1;
}

static void process(grocer_conn_t *c, const char *data, size_t len)
{
    while (!c->closing && !c->closed) {
        c->req_id_len = 0;
        c->path = NULL;
        size_t n = grocer_request_feed(&c->req, data, len);
        data += n;
        len -= n;
        if (c->req.error_status) {
            grocer_log(GROCER_LOG_INFO, "http", "refused a request with %d: %s", c->req.error_status,
                       c->req.error_reason ? c->req.error_reason : "malformed");
            refuse(c, c->req.error_status);
            return;
        }
        if (c->req.expect_continue && !c->req.continue_sent && !c->req.complete) {
            OUT_LIT(c, "HTTP/1.1 100 Continue\r\n\r\n");
            c->req.continue_sent = 1;
        }
        if (!c->req.complete) return;
        handle_request(c);
        if (c->in_flight) {
            if (len) pending_add(c, data, len);
            return;
        }
        if (len == 0) return;
    }
}

void grocer_http_continue(grocer_conn_t *c)
{
    if (c->closed) return;
    while (!c->in_flight && c->pending_len && !c->closing) {
        char *buf = c->pending;
        size_t len = c->pending_len;
        c->pending = NULL;
        c->pending_len = c->pending_cap = 0;
        process(c, buf, len);
        free(buf);
    }
    if (!c->in_flight && !c->reading && !c->closing && !c->peer_gone && !c->closed) {
        if (uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read) == 0) c->reading = 1;
    }
    if (!c->in_flight && c->peer_gone && !c->writing && !c->out_len) {
        close_conn(c);
        return;
    }
    if (c->peer_gone && !c->in_flight) c->closing = 1;
    flush(c);
    update_timer(c);
}

/* ---- writing ---- */

static void on_write(uv_write_t *req, int status);
static void written(grocer_conn_t *c);

static void on_shutdown(uv_shutdown_t *req, int status)
{
    grocer_conn_t *c = req->data;
    if (c->closed) return;
    if (status < 0 || !c->reading) {
        close_conn(c);
        return;
    }
    c->lingering = 1;
    update_timer(c);
}

static void finish_closing(grocer_conn_t *c)
{
    if (c->closed || c->in_flight) return;
    if (c->peer_gone || !c->reading) {
        close_conn(c);
        return;
    }
    c->sreq.data = c;
    if (uv_shutdown(&c->sreq, (uv_stream_t *)&c->tcp, on_shutdown) < 0) close_conn(c);
}

static void on_write(uv_write_t *req, int status)
{
    grocer_conn_t *c = req->data;
    c->writing = 0;
    c->wbuf_len = 0;
    if (c->closed) return;
    if (status < 0) {
        if (c->in_flight) {
            c->peer_gone = 1;
            if (c->task) grocer_runtime_peer_gone(c->task);
            return;
        }
        close_conn(c);
        return;
    }
    if (c->out_len) flush(c);
    else written(c);
    update_timer(c);
}

/* What to do once everything queued has reached the kernel. */
static void written(grocer_conn_t *c)
{
    if (c->closing && !c->in_flight) finish_closing(c);
    else if (c->task) grocer_runtime_drained(c->task);
}

/* Writes c->out: first straight to the socket (the usual case, no callback and no epoll
 * change), and only what the kernel did not take through a queued uv_write. */
static void flush(grocer_conn_t *c)
{
    if (c->closed || c->writing) return;
    if (c->out_len == 0) {
        if (c->closing && !c->in_flight) finish_closing(c);
        return;
    }
    if (c->peer_gone && c->in_flight) {
        c->out_len = 0;
        return;
    }
    uv_buf_t b = uv_buf_init(c->out, (unsigned)c->out_len);
    int n = uv_try_write((uv_stream_t *)&c->tcp, &b, 1);
    if (n == (int)c->out_len) {
        c->out_len = 0;
        written(c);
        return;
    }
    if (n < 0 && n != UV_EAGAIN) {
        c->out_len = 0;
        if (c->in_flight) {
            c->peer_gone = 1;
            if (c->task) grocer_runtime_peer_gone(c->task);
        } else {
            close_conn(c);
        }
        return;
    }
    size_t done = n > 0 ? (size_t)n : 0;
    char *tmp = c->wbuf;
    size_t tcap = c->wbuf_cap;
    c->wbuf = c->out;
    c->wbuf_cap = c->out_cap;
    c->wbuf_len = c->out_len - done;
    c->out = tmp;
    c->out_cap = tcap;
    c->out_len = 0;
    b = uv_buf_init(c->wbuf + done, (unsigned)c->wbuf_len);
    c->wreq.data = c;
    if (uv_write(&c->wreq, (uv_stream_t *)&c->tcp, &b, 1, on_write) < 0) {
        c->wbuf_len = 0;
        if (c->in_flight) c->peer_gone = 1;
        else close_conn(c);
        return;
    }
    c->writing = 1;
}

/* ---- timers ---- */

static uint64_t ms(double seconds) { return (uint64_t)(seconds * 1000.0 + 0.5); }

static void on_timer(uv_timer_t *t)
{
    grocer_conn_t *c = t->data;
    if (c->closed) return;
    switch (c->timer_mode) {
    case T_HEADER:
    case T_BODY:
        if (c->in_flight) return;
        if (c->req.started) {
            grocer_log(GROCER_LOG_INFO, "http", "client too slow sending its request: 408");
            c->req.error_status = 408;
            refuse(c, 408);
            flush(c);
        } else {
            close_conn(c);
        }
        return;
    case T_IDLE: {
        /* The idle clock restarts after every answer without touching the timer heap on
         * each request: extend here when the connection was busy meanwhile. */
        uint64_t idle_ms = uv_now(c->w->loop) - c->idle_since_ms;
        uint64_t limit = ms(c->w->cfg->keepalive_timeout);
        if (idle_ms + 5 < limit) {
            uv_timer_start(&c->timer, on_timer, limit - idle_ms, 0);
            return;
        }
        close_conn(c);
        return;
    }
    case T_LINGER:
        close_conn(c);
        return;
    case T_SEND: {
        size_t q = uv_stream_get_write_queue_size((uv_stream_t *)&c->tcp);
        if (c->writing && q == c->send_mark) {
            grocer_log(GROCER_LOG_INFO, "http", "client stopped reading its response: closing");
            if (c->in_flight) {
                c->peer_gone = 1;
                if (c->task) grocer_runtime_peer_gone(c->task);
            }
            close_conn(c);
            return;
        }
        c->send_mark = q;
        uv_timer_start(&c->timer, on_timer, ms(c->w->cfg->send_timeout), 0);
        return;
    }
    default:
        return;
    }
}

static void set_timer(grocer_conn_t *c, int mode, double seconds, int restart)
{
    if (c->timer_mode == mode && !restart) return;
    c->timer_mode = mode;
    if (mode == T_NONE) {
        uv_timer_stop(&c->timer);
        return;
    }
    uv_timer_start(&c->timer, on_timer, ms(seconds), 0);
}

static void update_timer(grocer_conn_t *c)
{
    if (c->closed) return;
    const grocer_config_t *cfg = c->w->cfg;
    if (c->lingering) {
        set_timer(c, T_LINGER, LINGER_MS / 1000.0, 0);
    } else if (c->writing) {
        if (c->timer_mode != T_SEND) c->send_mark = uv_stream_get_write_queue_size((uv_stream_t *)&c->tcp);
        set_timer(c, T_SEND, cfg->send_timeout, 0);
    } else if (c->in_flight) {
        set_timer(c, T_NONE, 0, 0);
    } else if (c->req.headers_done) {
        set_timer(c, T_BODY, cfg->body_timeout, 1);
    } else if (c->req.started) {
        set_timer(c, T_HEADER, cfg->header_timeout, 0);
    } else if (c->closing) {
        set_timer(c, T_LINGER, LINGER_MS / 1000.0, 0);
    } else if (cfg->keepalive_timeout <= 0) {
        close_conn(c);
    } else {
        c->idle_since_ms = uv_now(c->w->loop);
        set_timer(c, T_IDLE, cfg->keepalive_timeout, 0);
    }
}

/* ---- connection life ---- */

static void on_handle_closed(uv_handle_t *h)
{
    grocer_conn_t *c = h->data;
    if (--c->handles > 0) return;
    grocer_request_free(&c->req);
    free(c->pending);
    free(c->out);
    free(c->wbuf);
    free(c);
}

static void close_conn(grocer_conn_t *c)
{
    if (c->closed) return;
    c->closed = 1;
    grocer_worker_t *w = c->w;
    if (c->task) grocer_runtime_detach(c->task);
    c->task = NULL;
    if (c->in_flight) {
        w->inflight--;
        c->in_flight = 0;
    }
    if (c->prev) c->prev->next = c->next;
    else w->conns = c->next;
    if (c->next) c->next->prev = c->prev;
    w->nconns--;
    gauges(w);
    c->handles = 2;
    c->tcp.data = c;
    c->timer.data = c;
    uv_close((uv_handle_t *)&c->timer, on_handle_closed);
    uv_close((uv_handle_t *)&c->tcp, on_handle_closed);
}

static void on_connection(uv_stream_t *server, int status)
{
    grocer_worker_t *w = server->data;
    if (status < 0) {
        grocer_log(GROCER_LOG_WARN, "http", "accept failed: %s", uv_strerror(status));
        return;
    }
    grocer_conn_t *c = calloc(1, sizeof *c);
    if (!c) return;
    c->w = w;
    uv_tcp_init(w->loop, &c->tcp);
    c->tcp.data = c;
    if (uv_accept(server, (uv_stream_t *)&c->tcp) < 0) {
        c->handles = 1;
        uv_close((uv_handle_t *)&c->tcp, on_handle_closed);
        return;
    }
    uv_tcp_nodelay(&c->tcp, 1);
    uv_timer_init(w->loop, &c->timer);
    c->timer.data = c;
    grocer_request_init(&c->req, w->cfg->max_header, w->cfg->max_body);
    c->next = w->conns;
    if (w->conns) w->conns->prev = c;
    w->conns = c;
    w->nconns++;
    gauges(w);
    if (uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read) == 0) c->reading = 1;
    set_timer(c, T_HEADER, w->cfg->header_timeout, 1);
}

int grocer_http_listen(grocer_worker_t *w, char *err, size_t errlen)
{
    struct sockaddr_storage addr;
    int rc = uv_ip4_addr(w->cfg->listen_host, w->cfg->listen_port, (struct sockaddr_in *)&addr);
    if (rc < 0) rc = uv_ip6_addr(w->cfg->listen_host, w->cfg->listen_port, (struct sockaddr_in6 *)&addr);
    if (rc < 0) {
        snprintf(err, errlen, "listen address '%s' is not an IP address", w->cfg->listen);
        return -1;
    }
    uv_tcp_init_ex(w->loop, &w->listener, addr.ss_family);
    w->listener.data = w;
    uv_os_fd_t fd;
    uv_fileno((uv_handle_t *)&w->listener, &fd);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    rc = uv_tcp_bind(&w->listener, (struct sockaddr *)&addr, 0);
    if (rc == 0) rc = uv_listen((uv_stream_t *)&w->listener, 4096, on_connection);
    if (rc < 0) {
        snprintf(err, errlen, "cannot listen on %s: %s", w->cfg->listen, uv_strerror(rc));
        return -1;
    }
    w->listening = 1;
    return 0;
}

void grocer_http_stop_listening(grocer_worker_t *w)
{
    if (!w->listening) return;
    w->listening = 0;
    uv_close((uv_handle_t *)&w->listener, NULL);
}

void grocer_http_close_all(grocer_worker_t *w)
{
    while (w->conns) close_conn(w->conns);
}

/* Drain: close what is idle now; in-flight requests answer with Connection: close. */
void grocer__http_drain(grocer_worker_t *w)
{
    grocer_conn_t *c = w->conns, *next;
    for (; c; c = next) {
        next = c->next;
        if (c->in_flight) {
            c->keep_alive = 0;
            if (c->sse && c->task) grocer_runtime_shutdown_stream(c->task);
        } else if (!c->writing && !c->out_len) {
            close_conn(c);
        } else {
            c->closing = 1;
        }
    }
}
