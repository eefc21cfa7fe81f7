/* pgconn.h: one non-blocking libpq connection of a module's own (catalog_feed.c, relay.c,
 * inventory.c), driven on the module's libuv loop: it connects, watches the socket, flushes what
 * was sent and reads what arrives, and after a failure logs once, closes and connects again with
 * a doubling backoff. What to send and what the results mean stay with the owner, which sends with
 * libpq on grocer_pgconn_pg() and is called back (on_step) when there is something to read.
 * Loop thread only, never blocks it. */
#ifndef GROCER_PGCONN_H
#define GROCER_PGCONN_H

#include <libpq-fe.h>
#include <uv.h>

/* What an owner says once, in a static table that outlives its connection. */
typedef struct {
    const char *application_name;   /* its name in pg_stat_activity: "grocer-relay" */
    const char *log_tag;            /* the module of its log lines: "relay" */
    const char *fail_note;          /* how its failure line ends: "reconnecting" */
    int backoff_min_ms, backoff_max_ms;
    /* The connection is up and has just connected, or input has arrived (results, NOTIFYs). */
    void (*on_step)(void *data);
    /* The connection is gone (a failure, or stop): what was in flight on it is lost. */
    void (*on_close)(void *data);
} grocer_pgconn_opts_t;

/* Embedded in its owner, which may free it once the loop has closed its handles (after stop).
 * The fields are pgconn.c's. */
typedef struct grocer_pgconn_s {
    uv_loop_t *loop;
    const grocer_pgconn_opts_t *opts;
    void *data;
    char conninfo[1024];
    PGconn *pg;
    uv_poll_t *poll;                /* watches PQsocket; a new one when libpq changes sockets */
    int poll_fd, poll_events;
    uv_timer_t retry;               /* the reconnect backoff */
    int state, backoff_ms, stopped;
} grocer_pgconn_t;

enum { GROCER_PGCONN_DOWN, GROCER_PGCONN_CONNECTING, GROCER_PGCONN_UP };

/* Starts connecting to conninfo (a URL or key=value string); callbacks get data. */
void grocer_pgconn_start(grocer_pgconn_t *c, uv_loop_t *loop, const char *conninfo,
                         const grocer_pgconn_opts_t *opts, void *data);
/* After a PQsend*: sends what libpq holds, watching for writable until all of it is out. */
void grocer_pgconn_flush(grocer_pgconn_t *c);
/* A statement worked: the backoff starts again from its minimum. */
void grocer_pgconn_ok(grocer_pgconn_t *c);
/* Something failed: logs "what: libpq's message; fail_note" (only the first of a run of failed
 * attempts), closes the connection (on_close) and connects again after the backoff, or after
 * retry_ms when it is > 0. */
void grocer_pgconn_fail(grocer_pgconn_t *c, const char *what, int retry_ms);
/* Closes the connection (on_close) and the timer for good; the loop finishes closing them. */
void grocer_pgconn_stop(grocer_pgconn_t *c);

/* The libpq connection, also while it connects; NULL between attempts and after stop. Valid until
 * the next fail or stop; send on it only while grocer_pgconn_up(). */
static inline PGconn *grocer_pgconn_pg(const grocer_pgconn_t *c)
{
    return c->pg;
}

/* 1 when connected: statements may be sent. */
static inline int grocer_pgconn_up(const grocer_pgconn_t *c)
{
    return c->state == GROCER_PGCONN_UP;
}

#endif
