/* request.h: one HTTP/1.x request (head and body) parsed from raw bytes by llhttp, with the
 * server's size limits. No I/O and no libuv: the connection code (http.c) feeds it bytes, the
 * C tests and the fuzz target feed it directly.
 *
 * Lifetime: a grocer_request_t lives as long as its connection and is reused for every message
 * on it (grocer_request_next). Pointers returned by the accessors stay valid until the next
 * grocer_request_next or grocer_request_free. */
#ifndef GROCER_REQUEST_H
#define GROCER_REQUEST_H

#include <stddef.h>
#include <stdint.h>
#include "llhttp.h"

#define GROCER_MAX_HEADERS 100

typedef struct grocer_header_s {
    uint32_t name, name_len;    /* offsets into req->head */
    uint32_t value, value_len;
} grocer_header_t;

typedef struct grocer_request_s {
    llhttp_t parser;
    size_t max_head;            /* request line + headers, bytes (431 past it) */
    size_t max_body;            /* body bytes (413 past it) */

    char *head;                 /* URL, header names and values, copied */
    uint32_t head_len, head_cap;
    size_t head_bytes;          /* bytes counted against max_head */
    uint32_t url, url_len;
    grocer_header_t headers[GROCER_MAX_HEADERS];
    int nheaders;
    int last_was_value;

    char *body;
    size_t body_len, body_cap;

    unsigned started : 1;          /* first byte of a message seen */
    unsigned headers_done : 1;
    unsigned complete : 1;         /* whole message parsed; parser paused */
    unsigned keep_alive : 1;
    unsigned expect_continue : 1;  /* client waits for "100 Continue" before the body */
    unsigned continue_sent : 1;
    unsigned upgrade : 1;

    int error_status;           /* 400, 413, 431, 501 when the request is refused */
    const char *error_reason;   /* static text for logs */
} grocer_request_t;

void grocer_request_init(grocer_request_t *r, size_t max_head, size_t max_body);
void grocer_request_free(grocer_request_t *r);

/* Parses up to len bytes. Returns how many were consumed: fewer than len when a message is
 * complete (r->complete) and the rest belongs to the next one, or when the request is refused
 * (r->error_status set; the connection must answer and close). */
size_t grocer_request_feed(grocer_request_t *r, const char *data, size_t len);

/* Forgets the current message and makes the parser ready for the next one on the connection. */
void grocer_request_next(grocer_request_t *r);

const char *grocer_request_method(const grocer_request_t *r);
/* Case-insensitive lookup of the first header with this name; NULL when absent. */
const char *grocer_request_header(const grocer_request_t *r, const char *name, size_t *len);

#endif
