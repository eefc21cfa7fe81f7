/* http.h: HTTP/1.1 connections of a worker on libuv: reading and parsing (request.c), limits
 * and timeouts, pipelining in order, response writing (fixed length, chunked, SSE), lingering
 * close, the access log line. Requests go to the built-in endpoints or to the Lua runtime.
 * Runs on the worker's loop thread only. */
#ifndef GROCER_HTTP_H
#define GROCER_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include <uv.h>
#include "request.h"
#include "worker.h"

typedef struct grocer_task_s grocer_task_t;

/* An extra response header; the strings only need to live during the call. */
typedef struct grocer_hdr_s {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
} grocer_hdr_t;

struct grocer_conn_s {
    uv_tcp_t tcp;                   /* first member: the handle's address is the conn's */
    uv_timer_t timer;
    uv_write_t wreq;
    uv_shutdown_t sreq;
    grocer_worker_t *w;
    grocer_conn_t *prev, *next;
    grocer_request_t req;
    char *pending;                  /* bytes read while a request was in flight */
    size_t pending_len, pending_cap;
    char *out;                      /* response bytes being gathered */
    size_t out_len, out_cap;
    char *wbuf;                     /* response bytes being written */
    size_t wbuf_len, wbuf_cap;
    size_t send_mark;               /* write queue size at the last send-timeout check */
    int timer_mode;
    uint64_t idle_since_ms;         /* loop time the connection last became idle */
    int handles;                    /* libuv handles still to be closed */
    grocer_task_t *task;            /* the Lua task answering the current request */

    unsigned writing : 1;
    unsigned closing : 1;           /* close once everything is written */
    unsigned closed : 1;            /* uv_close called */
    unsigned lingering : 1;
    unsigned peer_gone : 1;         /* read EOF or error while a request was in flight */
    unsigned reading : 1;
    unsigned in_flight : 1;         /* a request is being answered */
    unsigned head_only : 1;         /* HEAD: no body */
    unsigned keep_alive : 1;        /* of the response */
    unsigned streaming : 1;         /* chunked head sent, body follows in pieces */
    unsigned sse : 1;

    /* the current request, for the access log and metrics */
    uint64_t start_ns;
    uint64_t resp_bytes;
    int status;
    char req_id[72];
    size_t req_id_len;
    const char *path;               /* into req.head */
    size_t path_len;
    const char *query;
    size_t query_len;
};

int grocer_http_listen(grocer_worker_t *w, char *err, size_t errlen);
void grocer_http_stop_listening(grocer_worker_t *w);

/* Sends a complete response and ends the request. route names it for the metrics. */
void grocer_http_respond(grocer_conn_t *c, int status, const char *ctype, size_t ctype_len,
                         const grocer_hdr_t *hdrs, int nhdrs, const char *body, size_t len,
                         const char *route, size_t route_len);

/* Streaming: a head with Transfer-Encoding: chunked, then pieces, then the end. write returns 0,
 * or -1 when the client is gone. */
int grocer_http_stream_start(grocer_conn_t *c, int status, const char *ctype, size_t ctype_len,
                             const grocer_hdr_t *hdrs, int nhdrs, int sse);
int grocer_http_stream_write(grocer_conn_t *c, const char *data, size_t len);
void grocer_http_stream_end(grocer_conn_t *c, const char *route, size_t route_len);

/* Bytes queued for this client and not yet handed to the kernel. */
size_t grocer_http_backlog(const grocer_conn_t *c);

/* Called by the runtime when an asynchronous request has ended: writes what is queued and
 * goes on with pipelined requests. */
void grocer_http_continue(grocer_conn_t *c);

/* Drain: closes idle connections, makes in-flight ones close after their answer, ends SSE. */
void grocer__http_drain(grocer_worker_t *w);

/* Closes every connection now (end of drain). */
void grocer_http_close_all(grocer_worker_t *w);

/* A bilingual plain page for an error status, for host-made answers. */
void grocer_http_error_page(grocer_conn_t *c, int status, const char *route);

const char *grocer_http_reason(int status);

#endif
