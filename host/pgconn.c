/* pgconn.c: the plumbing of a module's own libpq connection (see pgconn.h), on its owner's loop:
 * PQconnectStartParams and PQconnectPoll driven by a uv_poll on PQsocket, PQflush on writable,
 * PQconsumeInput on readable, and the reconnect timer with its doubling backoff. It never sends a
 * statement or reads a result: that is the owner's, in on_step. */
#include <stdio.h>
#include <stdlib.h>
#include "log.h"
#include "pgconn.h"

static void watch(grocer_pgconn_t *c, int events);

static void free_handle(uv_handle_t *h)
{
    free(h);
}

static void no_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static void close_poll(grocer_pgconn_t *c)
{
    if (!c->poll) return;
    uv_poll_stop(c->poll);
    uv_close((uv_handle_t *)c->poll, free_handle);
    c->poll = NULL;
}

static void close_conn(grocer_pgconn_t *c)
{
    close_poll(c);
    if (c->pg) PQfinish(c->pg);
    c->pg = NULL;
    c->state = GROCER_PGCONN_DOWN;
    c->opts->on_close(c->data);
}

static void drive_connect(grocer_pgconn_t *c)
{
    switch (PQconnectPoll(c->pg)) {
    case PGRES_POLLING_READING: watch(c, UV_READABLE); return;
    case PGRES_POLLING_WRITING: watch(c, UV_WRITABLE); return;
    case PGRES_POLLING_OK:
        c->state = GROCER_PGCONN_UP;   /* the backoff resets once a statement has worked */
        watch(c, UV_READABLE);
        c->opts->on_step(c->data);
        return;
    default: grocer_pgconn_fail(c, "cannot connect", 0); return;
    }
}

static void on_poll(uv_poll_t *h, int status, int events)
{
    grocer_pgconn_t *c = h->data;
    if (status < 0) {
        grocer_pgconn_fail(c, "socket error", 0);
        return;
    }
    if (c->state == GROCER_PGCONN_CONNECTING) {
        drive_connect(c);
        return;
    }
    if (events & UV_WRITABLE) {
        int r = PQflush(c->pg);
        if (r < 0) {
            grocer_pgconn_fail(c, "send failed", 0);
            return;
        }
        watch(c, r ? UV_READABLE | UV_WRITABLE : UV_READABLE);
    }
    if (events & UV_READABLE) {
        if (!PQconsumeInput(c->pg)) {
            grocer_pgconn_fail(c, "connection lost", 0);
            return;
        }
        c->opts->on_step(c->data);
    }
}

static void watch(grocer_pgconn_t *c, int events)
{
    int fd = PQsocket(c->pg);
    if (c->poll && c->poll_fd != fd) close_poll(c);
    if (!c->poll) {
        c->poll = malloc(sizeof *c->poll);
        if (!c->poll || uv_poll_init(c->loop, c->poll, fd) < 0) {
            free(c->poll);
            c->poll = NULL;
            return;
        }
        c->poll->data = c;
        c->poll_fd = fd;
        c->poll_events = 0;
    }
    if (events != c->poll_events) {
        uv_poll_start(c->poll, events, on_poll);
        c->poll_events = events;
    }
}

static void start_connect(grocer_pgconn_t *c)
{
    const char *keys[] = {"dbname", "application_name", "gssencmode", NULL};
    const char *vals[] = {c->conninfo, c->opts->application_name, "disable", NULL};
    c->pg = PQconnectStartParams(keys, vals, 1);
    if (!c->pg || PQstatus(c->pg) == CONNECTION_BAD) {
        grocer_pgconn_fail(c, "cannot connect", 0);
        return;
    }
    PQsetnonblocking(c->pg, 1);
    PQsetNoticeProcessor(c->pg, no_notice, NULL);
    c->state = GROCER_PGCONN_CONNECTING;
    watch(c, UV_WRITABLE);
}

static void on_retry(uv_timer_t *t)
{
    start_connect(t->data);
}

/* ---- the owner's interface ---- */

void grocer_pgconn_start(grocer_pgconn_t *c, uv_loop_t *loop, const char *conninfo,
                         const grocer_pgconn_opts_t *opts, void *data)
{
    c->loop = loop;
    c->opts = opts;
    c->data = data;
    snprintf(c->conninfo, sizeof c->conninfo, "%s", conninfo);
    c->backoff_ms = opts->backoff_min_ms;
    uv_timer_init(loop, &c->retry);
    c->retry.data = c;
    start_connect(c);
}

void grocer_pgconn_flush(grocer_pgconn_t *c)
{
    watch(c, PQflush(c->pg) ? UV_READABLE | UV_WRITABLE : UV_READABLE);
}

void grocer_pgconn_ok(grocer_pgconn_t *c)
{
    c->backoff_ms = c->opts->backoff_min_ms;
}

void grocer_pgconn_fail(grocer_pgconn_t *c, const char *what, int retry_ms)
{
    if (c->state == GROCER_PGCONN_UP || c->backoff_ms == c->opts->backoff_min_ms) {
        /* libpq's messages span lines; the log wants one */
        char msg[512];
        snprintf(msg, sizeof msg, "%s", c->pg ? PQerrorMessage(c->pg) : "no connection");
        for (char *p = msg; *p; p++)
            if (*p == '\n' || *p == '\t') *p = ' ';
        grocer_log(GROCER_LOG_ERROR, c->opts->log_tag, "%s: %s; %s", what, msg, c->opts->fail_note);
    }
    close_conn(c);
    if (c->stopped) return;
    uv_timer_start(&c->retry, on_retry, (uint64_t)(retry_ms > 0 ? retry_ms : c->backoff_ms), 0);
    c->backoff_ms = c->backoff_ms * 2 > c->opts->backoff_max_ms ? c->opts->backoff_max_ms : c->backoff_ms * 2;
}

void grocer_pgconn_stop(grocer_pgconn_t *c)
{
    if (c->stopped) return;
    c->stopped = 1;
    uv_timer_stop(&c->retry);
    uv_close((uv_handle_t *)&c->retry, NULL);
    close_conn(c);
}
