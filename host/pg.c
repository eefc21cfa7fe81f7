/* pg.c: the worker's PostgreSQL pool (see pg.h).
 *
 * DESIGN. Every pool connection runs in libpq's pipeline mode with non-blocking sockets, watched
 * by a uv_poll. A Lua call builds an op (one or more statements, their parameters copied to C
 * memory), takes an idle connection or queues FIFO, and parks its task. Sending an op is one
 * round trip: for each statement not yet prepared on that connection a Parse goes first, then
 * the Bind/Execute, then one Sync. Results come back in the order sent; `expect` says which is
 * which. At the Sync the op completes: its results become Lua tables on the task's coroutine
 * and the task resumes. A connection returns to the pool only idle and outside a transaction;
 * any other state closes it. A separate connection (not pipelined) LISTENs and hands NOTIFY
 * payloads to Lua jobs. A tick every 50 ms expires queued ops, wakes abandoned ones, keeps
 * the minimum of connections open and reconnects with exponential backoff. While no connection
 * is open and an attempt has gone on for half the acquire timeout (a restarting server listens
 * before it accepts; libpq's connect_timeout does not apply to PQconnectPoll), the queued ops
 * fail at once as "database unavailable" instead of waiting out their acquire timeout; the
 * attempt itself goes on, so a slow server is still reached. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include <libpq-fe.h>
#include "hash.h"
#include "log.h"
#include "metrics.h"
#include "pg.h"
#include "runtime.h"

#define MAX_CONNS 256
#define MAX_PARAMS 1024
#define STMT_CACHE 256
#define TICK_MS 50
#define BACKOFF_MIN_MS 50
#define BACKOFF_MAX_MS 1000
#define MAX_CHANNELS 64

/* type OIDs (catalog/pg_type.h) */
#define OID_BOOL 16
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_OID 26
#define OID_JSON 114
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_JSONB 3802

enum { C_CONNECTING, C_IDLE, C_BUSY, C_HELD };
enum { E_PREPARE, E_QUERY };

typedef struct stmt_s {
    uint64_t hash;
    char *sql;
} stmt_t;

typedef struct pg_query_s {
    char *sql;
    int nparams;
    char **values;
} pg_query_t;

typedef struct pg_conn_s pg_conn_t;

typedef struct pg_op_s {
    grocer_pg_pool_t *pool;
    grocer_task_t *task;
    pg_conn_t *conn;
    int nq;
    pg_query_t *q;
    int release_after;          /* autocommit: back to the pool when done */
    int acquire_only;           /* db.tx: resume with the connection's handle */
    int abandoned;              /* its client left while it was queued */
    int batch;                  /* results as an array, one per statement */
    int in_call;                /* being started inside its task's own C call */
    int done;                   /* finished while in_call: the call returns the results */
    uint64_t deadline_ms;
    int nexpect, ei;
    struct { int kind, qi, stmt; } *expect;
    PGresult **res;
    char *error;
    char sqlstate[6];
    struct pg_op_s *next;
} pg_op_t;

struct pg_conn_s {
    grocer_pg_pool_t *pool;
    PGconn *pg;
    uv_poll_t poll;
    int events;
    int state;
    int listen;
    int slot;
    uint32_t gen;
    stmt_t stmts[STMT_CACHE];
    int nstmts;
    pg_op_t *op;
    grocer_task_t *owner;
    uint64_t started_ms;        /* when its connection attempt began */
};

typedef struct channel_s {
    char name[64];
    const void *owner;          /* the generation whose state holds fn_ref */
    int fn_ref;
} channel_t;

struct grocer_pg_pool_s {
    uv_loop_t *loop;
    const grocer_config_t *cfg;
    grocer_runtime_t *rt;
    pg_conn_t *slots[MAX_CONNS];
    uint32_t gens[MAX_CONNS];
    int nslots;                 /* = db_pool_max */
    int nopen, nconnecting;
    pg_op_t *qhead, *qtail;
    uv_timer_t tick;
    uv_timer_t kick;            /* runs dispatch on the next loop turn */
    uint64_t backoff_ms, next_connect_ms;
    char last_error[256];
    pg_conn_t *listen_conn;
    int listen_connecting;
    channel_t channels[MAX_CHANNELS];
    int nchannels;
    int stopping;
    char timeout_opt[64];
    const char *keys[6];
    const char *vals[6];
};

static grocer_pg_pool_t *the_pool;

static void on_poll(uv_poll_t *h, int status, int events);
static void dispatch(grocer_pg_pool_t *pool);
static void conn_discard(pg_conn_t *c, const char *why);

/* ---- ops ---- */

static void op_free(pg_op_t *op)
{
    for (int i = 0; i < op->nq; i++) {
        for (int k = 0; k < op->q[i].nparams; k++) free(op->q[i].values[k]);
        free(op->q[i].values);
        free(op->q[i].sql);
    }
    if (op->res)
        for (int i = 0; i < op->nq; i++) PQclear(op->res[i]);
    free(op->res);
    free(op->q);
    free(op->expect);
    free(op->error);
    free(op);
}

static void op_error(pg_op_t *op, const char *msg, const char *sqlstate);

/* The server is gone or unreachable: the message db.unavailable and the runtime's 503 know. */
static void op_outage(pg_op_t *op, const char *why, const char *sqlstate)
{
    char msg[600];
    snprintf(msg, sizeof msg, "database unavailable: %s", why);
    op_error(op, msg, sqlstate);
}

static void op_error(pg_op_t *op, const char *msg, const char *sqlstate)
{
    if (op->error) return;
    op->error = strdup(msg ? msg : "unknown error");
    if (op->error) {
        size_t n = strlen(op->error);
        while (n && (op->error[n - 1] == '\n' || op->error[n - 1] == ' ')) op->error[--n] = '\0';
    }
    snprintf(op->sqlstate, sizeof op->sqlstate, "%s", sqlstate ? sqlstate : "");
}

/* ---- results to Lua ---- */

static void push_value(lua_State *L, const PGresult *r, int row, int col)
{
    if (PQgetisnull(r, row, col)) {
        lua_pushlightuserdata(L, NULL); /* db.null, the same value as cjson.null */
        return;
    }
    const char *v = PQgetvalue(r, row, col);
    int len = PQgetlength(r, row, col);
    switch (PQftype(r, col)) {
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
    case OID_OID:
        lua_pushnumber(L, (lua_Number)strtoll(v, NULL, 10));
        return;
    case OID_FLOAT4:
    case OID_FLOAT8:
        lua_pushnumber(L, strtod(v, NULL));
        return;
    case OID_BOOL:
        lua_pushboolean(L, v[0] == 't');
        return;
    case OID_JSON:
    case OID_JSONB:
        lua_getfield(L, LUA_REGISTRYINDEX, "grocer.json_decode");
        lua_pushlstring(L, v, (size_t)len);
        if (lua_pcall(L, 1, 1, 0) != 0) {
            lua_pop(L, 1);
            lua_pushlstring(L, v, (size_t)len);
        }
        return;
    default: /* text, numeric (exact: money stays a string or integer), timestamps, ... */
        lua_pushlstring(L, v, (size_t)len);
        return;
    }
}

/* rows = {row, row, ...}, a plain array (so cjson encodes it as one) */
static void push_result(lua_State *L, const PGresult *r)
{
    int nt = r ? PQntuples(r) : 0;
    int nf = r ? PQnfields(r) : 0;
    lua_createtable(L, nt, 0);
    if (r && PQresultStatus(r) == PGRES_TUPLES_OK) {
        lua_createtable(L, nf, 0);
        for (int f = 0; f < nf; f++) {
            lua_pushstring(L, PQfname(r, f));
            lua_rawseti(L, -2, f + 1);
        }
        for (int row = 0; row < nt; row++) {
            lua_createtable(L, 0, nf);
            for (int f = 0; f < nf; f++) {
                lua_rawgeti(L, -2, f + 1);
                push_value(L, r, row, f);
                lua_rawset(L, -3);
            }
            lua_rawseti(L, -3, row + 1);
        }
        lua_pop(L, 1);
    }
}

/* Rows returned or changed by the statement. */
static void push_affected(lua_State *L, const PGresult *r)
{
    const char *n = r ? PQcmdTuples((PGresult *)r) : "";
    lua_pushnumber(L, *n ? strtod(n, NULL) : (r ? PQntuples(r) : 0));
}

static uint32_t handle_of(pg_conn_t *c) { return (uint32_t)c->slot << 16 | (c->gen & 0xffff); }

/* Pushes the op's results (or nil, err, sqlstate) on L; returns how many. */
static int op_push(pg_op_t *op, lua_State *L)
{
    if (op->error) {
        lua_pushnil(L);
        lua_pushstring(L, op->error);
        lua_pushstring(L, op->sqlstate);
        return 3;
    }
    if (op->acquire_only) {
        lua_pushnumber(L, handle_of(op->conn));
    } else if (op->batch) {
        lua_createtable(L, op->nq, 0);
        for (int i = 0; i < op->nq; i++) {
            push_result(L, op->res[i]);
            lua_rawseti(L, -2, i + 1);
        }
    } else {
        push_result(L, op->res[0]);
        push_affected(L, op->res[0]);
        return 2;
    }
    return 1;
}

/* The op is over: its task resumes with the results, then the op is freed. An op that ends
 * while its own task is still in the C call that started it is left for that call. */
static void op_finish(pg_op_t *op)
{
    if (op->in_call) {
        op->done = 1;
        return;
    }
    grocer_task_t *t = op->task;
    if (!t) {
        op_free(op);
        return;
    }
    int n = op_push(op, grocer_task_thread(t));
    op_free(op);
    grocer_task_wake(t, n);
}

/* ---- connections ---- */

static void poll_set(pg_conn_t *c, int events)
{
    if (c->events == events) return;
    c->events = events;
    uv_poll_start(&c->poll, events, on_poll);
}

static void on_poll_closed(uv_handle_t *h)
{
    pg_conn_t *c = h->data;
    PQfinish(c->pg);
    for (int i = 0; i < c->nstmts; i++) free(c->stmts[i].sql);
    free(c);
}

static void conn_discard(pg_conn_t *c, const char *why)
{
    grocer_pg_pool_t *pool = c->pool;
    if (why) {
        snprintf(pool->last_error, sizeof pool->last_error, "%s", why);
        if (!pool->stopping) grocer_log(GROCER_LOG_WARN, "pg", "connection closed: %s", why);
    }
    if (c->state == C_CONNECTING) {
        if (c->listen) pool->listen_connecting = 0;
        else pool->nconnecting--;
    } else if (!c->listen) {
        pool->nopen--;
    }
    if (c->listen) pool->listen_conn = NULL;
    else pool->slots[c->slot] = NULL;
    pg_op_t *op = c->op;
    c->op = NULL;
    c->owner = NULL;
    uv_close((uv_handle_t *)&c->poll, on_poll_closed);
    if (op) {
        op_outage(op, why ? why : "connection lost", "08006");
        op_finish(op);
    }
}

static void schedule_reconnect(grocer_pg_pool_t *pool)
{
    pool->backoff_ms = pool->backoff_ms ? pool->backoff_ms * 2 : BACKOFF_MIN_MS;
    if (pool->backoff_ms > BACKOFF_MAX_MS) pool->backoff_ms = BACKOFF_MAX_MS;
    pool->next_connect_ms = uv_now(pool->loop) + pool->backoff_ms;
}

/* The queued ops fail with why: a quick 503, not a hang. */
static void fail_queued_ops(grocer_pg_pool_t *pool, const char *why)
{
    while (pool->qhead) {
        pg_op_t *op = pool->qhead;
        pool->qhead = op->next;
        if (!pool->qhead) pool->qtail = NULL;
        op_outage(op, why, "08001");
        op_finish(op);
    }
}

/* The queued ops fail at once while the database is unreachable. */
static void fail_queue(grocer_pg_pool_t *pool)
{
    if (pool->nopen > 0 || pool->nconnecting > 0) return;
    fail_queued_ops(pool, pool->last_error);
}

static int conn_start(grocer_pg_pool_t *pool, int listen)
{
    int slot = -1;
    if (!listen) {
        for (int i = 0; i < pool->nslots; i++)
            if (!pool->slots[i]) {
                slot = i;
                break;
            }
        if (slot < 0) return -1;
    }
    PGconn *pg = PQconnectStartParams(pool->keys, pool->vals, 1);
    if (!pg || PQstatus(pg) == CONNECTION_BAD) {
        snprintf(pool->last_error, sizeof pool->last_error, "%s",
                 pg ? PQerrorMessage(pg) : "out of memory");
        PQfinish(pg);
        schedule_reconnect(pool);
        return -1;
    }
    pg_conn_t *c = calloc(1, sizeof *c);
    if (!c) {
        PQfinish(pg);
        return -1;
    }
    c->pool = pool;
    c->pg = pg;
    c->listen = listen;
    c->state = C_CONNECTING;
    c->started_ms = grocer_now_ms();   /* not uv_now: stale when called before the loop runs */
    if (uv_poll_init(pool->loop, &c->poll, PQsocket(pg)) < 0) {
        PQfinish(pg);
        free(c);
        return -1;
    }
    c->poll.data = c;
    if (listen) {
        pool->listen_conn = c;
        pool->listen_connecting = 1;
    } else {
        c->slot = slot;
        c->gen = ++pool->gens[slot];
        pool->slots[slot] = c;
        pool->nconnecting++;
    }
    poll_set(c, UV_WRITABLE);
    return 0;
}

static void listen_send(pg_conn_t *c)
{
    grocer_pg_pool_t *pool = c->pool;
    if (pool->nchannels == 0) return;
    char sql[MAX_CHANNELS * 80];
    size_t n = 0;
    for (int i = 0; i < pool->nchannels; i++)
        n += (size_t)snprintf(sql + n, sizeof sql - n, "LISTEN \"%s\";", pool->channels[i].name);
    if (!PQsendQuery(c->pg, sql)) conn_discard(c, PQerrorMessage(c->pg));
}

static void connected(pg_conn_t *c)
{
    grocer_pg_pool_t *pool = c->pool;
    PQsetnonblocking(c->pg, 1);
    pool->backoff_ms = 0;
    if (c->listen) {
        pool->listen_connecting = 0;
        c->state = C_IDLE;
        poll_set(c, UV_READABLE);
        listen_send(c);
        return;
    }
    if (!PQenterPipelineMode(c->pg)) {
        conn_discard(c, "cannot enter pipeline mode");
        return;
    }
    pool->nconnecting--;
    pool->nopen++;
    c->state = C_IDLE;
    poll_set(c, UV_READABLE);
    dispatch(pool);
}

static void on_listen_input(pg_conn_t *c)
{
    grocer_pg_pool_t *pool = c->pool;
    while (!PQisBusy(c->pg)) {
        PGresult *r = PQgetResult(c->pg);
        if (!r) break;
        if (PQresultStatus(r) == PGRES_FATAL_ERROR)
            grocer_log(GROCER_LOG_ERROR, "pg", "LISTEN failed: %s", PQresultErrorMessage(r));
        PQclear(r);
    }
    PGnotify *n;
    while ((n = PQnotifies(c->pg)) != NULL) {
        for (int i = 0; pool->rt && i < pool->nchannels; i++) {
            channel_t *ch = &pool->channels[i];
            if (!strcmp(ch->name, n->relname))
                grocer_runtime_call(pool->rt, ch->owner, ch->fn_ref, n->relname, strlen(n->relname), n->extra,
                                    strlen(n->extra));
        }
        PQfreemem(n);
    }
}

/* Results of the op in flight, as far as they have arrived. */
static void on_op_input(pg_conn_t *c)
{
    pg_op_t *op = c->op;
    int separators = 0;
    while (c->op && !PQisBusy(c->pg)) {
        PGresult *r = PQgetResult(c->pg);
        if (!r) {
            /* end of one statement's results */
            if (++separators > 1) break;
            op->ei++;
            continue;
        }
        separators = 0;
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_PIPELINE_SYNC) {
            PQclear(r);
            c->op = NULL;
            if (op->acquire_only || !op->release_after) {
                c->state = C_HELD;
            } else if (PQtransactionStatus(c->pg) != PQTRANS_IDLE) {
                /* an autocommit statement opened a transaction: never pool that */
                op_finish(op);
                conn_discard(c, NULL);
                return;
            } else {
                c->state = C_IDLE;
                c->owner = NULL;
            }
            op_finish(op);
            if (c->state == C_IDLE) dispatch(c->pool);
            return;
        }
        int k = op->ei < op->nexpect ? op->ei : op->nexpect - 1;
        if (st == PGRES_FATAL_ERROR || st == PGRES_PIPELINE_ABORTED) {
            if (st == PGRES_FATAL_ERROR) {
                const char *primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
                const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
                const char *text = primary ? primary : PQresultErrorMessage(r);
                /* the server going away (class 08, 57P) is an outage, not a bad request */
                if (state && (!strncmp(state, "08", 2) || !strncmp(state, "57P", 3)))
                    op_outage(op, text, state);
                else
                    op_error(op, text, state);
                if (op->expect[k].kind == E_PREPARE) {
                    /* not prepared after all: forget it */
                    int s = op->expect[k].stmt;
                    free(c->stmts[s].sql);
                    c->stmts[s] = c->stmts[--c->nstmts];
                }
            }
            PQclear(r);
            continue;
        }
        if (op->expect[k].kind == E_QUERY) {
            int qi = op->expect[k].qi;
            PQclear(op->res[qi]);
            op->res[qi] = r;
        } else {
            PQclear(r);
        }
    }
}

static void on_poll(uv_poll_t *h, int status, int events)
{
    pg_conn_t *c = h->data;
    if (status < 0) {
        conn_discard(c, uv_strerror(status));
        return;
    }
    if (c->state == C_CONNECTING) {
        switch (PQconnectPoll(c->pg)) {
        case PGRES_POLLING_READING: poll_set(c, UV_READABLE); return;
        case PGRES_POLLING_WRITING: poll_set(c, UV_WRITABLE); return;
        case PGRES_POLLING_OK: connected(c); return;
        default:
            conn_discard(c, PQerrorMessage(c->pg));
            schedule_reconnect(c->pool);
            fail_queue(c->pool);
            return;
        }
    }
    if (events & UV_WRITABLE) {
        int f = PQflush(c->pg);
        if (f < 0) {
            conn_discard(c, PQerrorMessage(c->pg));
            return;
        }
        if (f == 0) poll_set(c, UV_READABLE);
    }
    if (events & UV_READABLE) {
        if (!PQconsumeInput(c->pg)) {
            grocer_pg_pool_t *pool = c->pool;
            conn_discard(c, PQerrorMessage(c->pg));
            schedule_reconnect(pool);
            fail_queue(pool);
            return;
        }
        if (c->listen) on_listen_input(c);
        else if (c->op) on_op_input(c);
        else if (PQstatus(c->pg) == CONNECTION_BAD) conn_discard(c, PQerrorMessage(c->pg));
    }
}

/* ---- sending ---- */

/* The statement's cache index on c, adding it when new; *fresh says a Parse must go first. */
static int stmt_for(pg_conn_t *c, const char *sql, int *fresh)
{
    uint64_t h = grocer_hash(sql, strlen(sql));
    for (int i = 0; i < c->nstmts; i++)
        if (c->stmts[i].hash == h && !strcmp(c->stmts[i].sql, sql)) {
            *fresh = 0;
            return i;
        }
    *fresh = 1;
    if (c->nstmts == STMT_CACHE) return -1;
    char *copy = strdup(sql);
    if (!copy) return -1;
    c->stmts[c->nstmts] = (stmt_t){h, copy};
    return c->nstmts++;
}

static void op_send(pg_conn_t *c, pg_op_t *op)
{
    c->op = op;
    c->state = C_BUSY;
    op->conn = c;
    op->nexpect = 0;
    op->ei = 0;
    if (op->acquire_only) {
        /* nothing to send: the connection is the answer */
        c->op = NULL;
        c->state = C_HELD;
        c->owner = op->task;
        op_finish(op);
        return;
    }
    c->owner = op->release_after ? NULL : op->task;
    op->expect = calloc((size_t)op->nq * 2, sizeof *op->expect);
    op->res = calloc((size_t)op->nq, sizeof *op->res);
    if (!op->expect || !op->res) {
        op_error(op, "out of memory", "53200");
        c->op = NULL;
        c->state = op->release_after ? C_IDLE : C_HELD;
        op_finish(op);
        return;
    }
    for (int i = 0; i < op->nq; i++) {
        pg_query_t *q = &op->q[i];
        int fresh;
        int s = stmt_for(c, q->sql, &fresh);
        char name[16];
        int ok;
        if (s < 0) {
            /* cache full: an unnamed statement, parsed each time */
            ok = PQsendQueryParams(c->pg, q->sql, q->nparams, NULL, (const char *const *)q->values, NULL, NULL, 0);
            op->expect[op->nexpect++] = (typeof(*op->expect)){E_QUERY, i, -1};
        } else {
            snprintf(name, sizeof name, "g%d", s);
            ok = 1;
            if (fresh) {
                ok = PQsendPrepare(c->pg, name, q->sql, q->nparams, NULL);
                op->expect[op->nexpect++] = (typeof(*op->expect)){E_PREPARE, i, s};
            }
            if (ok) {
                ok = PQsendQueryPrepared(c->pg, name, q->nparams, (const char *const *)q->values, NULL, NULL, 0);
                op->expect[op->nexpect++] = (typeof(*op->expect)){E_QUERY, i, s};
            }
        }
        if (!ok) {
            conn_discard(c, PQerrorMessage(c->pg));
            return;
        }
    }
    if (!PQpipelineSync(c->pg)) {
        conn_discard(c, PQerrorMessage(c->pg));
        return;
    }
    int f = PQflush(c->pg);
    if (f < 0) conn_discard(c, PQerrorMessage(c->pg));
    else poll_set(c, f ? (UV_READABLE | UV_WRITABLE) : UV_READABLE);
}

static pg_conn_t *idle_conn(grocer_pg_pool_t *pool)
{
    for (int i = 0; i < pool->nslots; i++) {
        pg_conn_t *c = pool->slots[i];
        if (c && c->state == C_IDLE) return c;
    }
    return NULL;
}

static void dispatch(grocer_pg_pool_t *pool)
{
    while (pool->qhead) {
        pg_conn_t *c = idle_conn(pool);
        if (!c) return;
        pg_op_t *op = pool->qhead;
        pool->qhead = op->next;
        if (!pool->qhead) pool->qtail = NULL;
        op->next = NULL;
        op_send(c, op);
    }
}

static void enqueue(grocer_pg_pool_t *pool, pg_op_t *op)
{
    op->deadline_ms = uv_now(pool->loop) + (uint64_t)(pool->cfg->db_acquire_timeout * 1000);
    if (pool->qtail) pool->qtail->next = op;
    else pool->qhead = op;
    pool->qtail = op;
}

static void on_kick(uv_timer_t *t) { dispatch(t->data); }

/* ---- the tick: timeouts, abandoned waits, minimum connections, reconnection ---- */

static void on_tick(uv_timer_t *t)
{
    grocer_pg_pool_t *pool = t->data;
    uint64_t now = uv_now(pool->loop);
    pg_op_t **pp = &pool->qhead, *prev = NULL;
    while (*pp) {
        pg_op_t *op = *pp;
        if (op->abandoned || now >= op->deadline_ms) {
            *pp = op->next;
            if (pool->qtail == op) pool->qtail = prev;
            if (op->abandoned) {
                op_error(op, "client gone", "57014");
            } else {
                char msg[128];
                snprintf(msg, sizeof msg, "database busy: no free connection within %g s",
                         pool->cfg->db_acquire_timeout);
                op_error(op, msg, "53300");
            }
            op_finish(op);
            continue;
        }
        prev = op;
        pp = &op->next;
    }
    /* No connection open and the attempt under way slow: the queue fails now, the attempt goes on */
    if (pool->nopen == 0 && pool->qhead) {
        uint64_t limit = (uint64_t)(pool->cfg->db_acquire_timeout * 500), mono = grocer_now_ms();
        for (int i = 0; i < pool->nslots; i++) {
            pg_conn_t *c = pool->slots[i];
            if (c && c->state == C_CONNECTING && mono - c->started_ms >= limit) {
                fail_queued_ops(pool, "no connection yet: the server does not answer");
                break;
            }
        }
    }
    if (pool->stopping || now < pool->next_connect_ms) return;
    int want = pool->cfg->db_pool_min;
    if (pool->qhead && pool->nopen + pool->nconnecting < pool->nslots) want = pool->nopen + pool->nconnecting + 1;
    if (pool->nopen + pool->nconnecting < want && pool->nconnecting == 0) conn_start(pool, 0);
    if (pool->nchannels && !pool->listen_conn) conn_start(pool, 1);
}

/* ---- cancelling a statement whose client left ---- */

typedef struct cancel_s {
    uv_work_t work;
    PGcancel *cancel;
} cancel_t;

static void cancel_work(uv_work_t *w)
{
    cancel_t *cw = w->data;
    char err[256];
    PQcancel(cw->cancel, err, sizeof err); /* blocking: that is why it runs in the threadpool */
}

static void cancel_done(uv_work_t *w, int status)
{
    cancel_t *cw = w->data;
    PQfreeCancel(cw->cancel);
    free(cw);
}

static void on_abandon(grocer_task_t *t, void *arg)
{
    pg_op_t *op = arg;
    if (!op->conn) {
        op->abandoned = 1; /* still queued: the tick wakes it */
        return;
    }
    cancel_t *cw = calloc(1, sizeof *cw);
    if (!cw) return;
    cw->cancel = PQgetCancel(op->conn->pg);
    cw->work.data = cw;
    if (!cw->cancel || uv_queue_work(op->pool->loop, &cw->work, cancel_work, cancel_done) < 0) {
        PQfreeCancel(cw->cancel);
        free(cw);
    }
}

/* ---- Lua functions ---- */

static int unavailable(lua_State *L, const char *why)
{
    lua_pushnil(L);
    lua_pushfstring(L, "database unavailable: %s", why);
    lua_pushliteral(L, "08001");
    return 3;
}

/* Copies one parameter as text; NULL for nil and db.null. */
static int param_text(lua_State *L, int idx, char **out, char *err, size_t errlen)
{
    *out = NULL;
    size_t len;
    const char *s;
    char num[64];
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
        return 0;
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, idx) == NULL) return 0;
        break;
    case LUA_TBOOLEAN:
        *out = strdup(lua_toboolean(L, idx) ? "t" : "f");
        return *out ? 0 : -1;
    case LUA_TNUMBER: {
        lua_Number n = lua_tonumber(L, idx);
        if (n == floor(n) && fabs(n) < 9.2e18) snprintf(num, sizeof num, "%lld", (long long)n);
        else snprintf(num, sizeof num, "%.17g", (double)n);
        *out = strdup(num);
        return *out ? 0 : -1;
    }
    case LUA_TSTRING:
        s = lua_tolstring(L, idx, &len);
        if (memchr(s, '\0', len)) {
            snprintf(err, errlen, "parameter %d holds a NUL byte", idx);
            return -1;
        }
        *out = strdup(s);
        return *out ? 0 : -1;
    case LUA_TTABLE:
        lua_getfield(L, LUA_REGISTRYINDEX, "grocer.json_encode");
        lua_pushvalue(L, idx);
        if (lua_pcall(L, 1, 1, 0) != 0) {
            snprintf(err, errlen, "parameter %d: %s", idx, lua_tostring(L, -1));
            lua_pop(L, 1);
            return -1;
        }
        *out = strdup(lua_tostring(L, -1));
        lua_pop(L, 1);
        return *out ? 0 : -1;
    default:
        break;
    }
    snprintf(err, errlen, "parameter %d: cannot send a %s", idx, luaL_typename(L, idx));
    return -1;
}

/* Fills q from the stack: sql at idx, then n parameters. */
static int query_from_stack(lua_State *L, int idx, int n, pg_query_t *q, char *err, size_t errlen)
{
    const char *sql = lua_tostring(L, idx);
    if (!sql) {
        snprintf(err, errlen, "the statement must be a string");
        return -1;
    }
    if (n > MAX_PARAMS) {
        snprintf(err, errlen, "more than %d parameters", MAX_PARAMS);
        return -1;
    }
    q->sql = strdup(sql);
    q->values = calloc((size_t)(n ? n : 1), sizeof *q->values);
    if (!q->sql || !q->values) return -1;
    for (int k = 0; k < n; k++) {
        if (param_text(L, idx + 1 + k, &q->values[k], err, errlen) < 0) return -1;
        q->nparams = k + 1;
    }
    q->nparams = n;
    return 0;
}

static pg_conn_t *held_conn(lua_State *L, int idx, grocer_task_t *t)
{
    uint32_t h = (uint32_t)luaL_checknumber(L, idx);
    grocer_pg_pool_t *pool = the_pool;
    int slot = (int)(h >> 16);
    if (!pool || slot >= pool->nslots) return NULL;
    pg_conn_t *c = pool->slots[slot];
    if (!c || (c->gen & 0xffff) != (h & 0xffff) || c->state != C_HELD || c->owner != t) return NULL;
    return c;
}

/* Runs op: on c when given (a held connection), else on an idle one or after queueing. */
static int run_op(lua_State *L, grocer_task_t *t, pg_op_t *op, pg_conn_t *held)
{
    grocer_pg_pool_t *pool = the_pool;
    op->task = t;
    op->pool = pool;
    op->in_call = 1;
    if (held) {
        op_send(held, op);
    } else {
        pg_conn_t *c = idle_conn(pool);
        if (c) {
            op_send(c, op);
        } else if (pool->nopen == 0 && pool->nconnecting == 0 && pool->last_error[0]) {
            op_free(op);
            return unavailable(L, pool->last_error);
        } else {
            enqueue(pool, op);
            if (pool->nopen + pool->nconnecting < pool->nslots && pool->nconnecting == 0 &&
                uv_now(pool->loop) >= pool->next_connect_ms)
                conn_start(pool, 0);
        }
    }
    op->in_call = 0;
    if (op->done) {
        int n = op_push(op, L);
        op_free(op);
        return n;
    }
    return grocer_task_wait(L, t, on_abandon, op);
}

static pg_op_t *op_new(int nq)
{
    pg_op_t *op = calloc(1, sizeof *op);
    if (!op) return NULL;
    op->q = calloc((size_t)(nq ? nq : 1), sizeof *op->q);
    if (!op->q) {
        free(op);
        return NULL;
    }
    op->nq = nq;
    return op;
}

static int arg_error(lua_State *L, pg_op_t *op, const char *err)
{
    op_free(op);
    return luaL_error(L, "db: %s", err);
}

/* pg_query(handle|nil, sql, ...) -> rows | nil, err, sqlstate */
static int l_pg_query(lua_State *L)
{
    grocer_task_t *t = grocer_task_current(L);
    if (!the_pool) return unavailable(L, "no database configured");
    int n = lua_gettop(L) - 2;
    pg_conn_t *held = NULL;
    if (!lua_isnil(L, 1)) {
        held = held_conn(L, 1, t);
        if (!held) return unavailable(L, "the transaction's connection was lost");
    }
    pg_op_t *op = op_new(1);
    if (!op) return luaL_error(L, "db: out of memory");
    char err[256] = "out of memory";
    if (query_from_stack(L, 2, n, &op->q[0], err, sizeof err) < 0) return arg_error(L, op, err);
    op->release_after = held == NULL;
    return run_op(L, t, op, held);
}

/* pg_batch(handle|nil, {{sql, p1, ...}, ...}) -> {rows, rows, ...} | nil, err, sqlstate
 * Every statement goes out in one pipeline and one round trip. */
static int l_pg_batch(lua_State *L)
{
    grocer_task_t *t = grocer_task_current(L);
    if (!the_pool) return unavailable(L, "no database configured");
    luaL_checktype(L, 2, LUA_TTABLE);
    pg_conn_t *held = NULL;
    if (!lua_isnil(L, 1)) {
        held = held_conn(L, 1, t);
        if (!held) return unavailable(L, "the transaction's connection was lost");
    }
    int nq = (int)lua_objlen(L, 2);
    if (nq == 0) {
        lua_newtable(L);
        return 1;
    }
    pg_op_t *op = op_new(nq);
    if (!op) return luaL_error(L, "db: out of memory");
    char err[256] = "out of memory";
    for (int i = 0; i < nq; i++) {
        lua_rawgeti(L, 2, i + 1);
        if (!lua_istable(L, -1)) return arg_error(L, op, "each batch item must be {sql, params...}");
        int top = lua_gettop(L);
        int len = (int)lua_objlen(L, top);
        for (int k = 1; k <= len; k++) lua_rawgeti(L, top, k);
        int rc = query_from_stack(L, top + 1, len - 1, &op->q[i], err, sizeof err);
        lua_settop(L, top - 1);
        if (rc < 0) return arg_error(L, op, err);
    }
    op->batch = 1;
    op->release_after = held == NULL;
    return run_op(L, t, op, held);
}

/* pg_acquire() -> handle | nil, err, sqlstate: a connection for a transaction. */
static int l_pg_acquire(lua_State *L)
{
    grocer_task_t *t = grocer_task_current(L);
    if (!the_pool) return unavailable(L, "no database configured");
    pg_op_t *op = op_new(0);
    if (!op) return luaL_error(L, "db: out of memory");
    op->acquire_only = 1;
    return run_op(L, t, op, NULL);
}

/* pg_release(handle): back to the pool if idle outside a transaction, else closed. */
static int l_pg_release(lua_State *L)
{
    grocer_task_t *t = grocer_task_current(L);
    pg_conn_t *c = held_conn(L, 1, t);
    if (!c) return 0;
    c->owner = NULL;
    if (PQtransactionStatus(c->pg) != PQTRANS_IDLE) {
        conn_discard(c, NULL);
        return 0;
    }
    c->state = C_IDLE;
    /* not now: a queued task must not resume inside this task's call */
    uv_timer_start(&c->pool->kick, on_kick, 0, 0);
    return 0;
}

/* pg_listen(channel, fn): fn(channel, payload) runs as a job on every NOTIFY. */
/* Registers fn (at idx) for channel name on the pool. Loop thread only. */
static int register_channel(lua_State *L, const char *name, int idx)
{
    grocer_pg_pool_t *pool = the_pool;
    if (!pool) return 0;
    if (pool->nchannels == MAX_CHANNELS) return luaL_error(L, "db.listen: more than %d channels", MAX_CHANNELS);
    channel_t *ch = &pool->channels[pool->nchannels++];
    snprintf(ch->name, sizeof ch->name, "%s", name);
    ch->owner = grocer__runtime_owner(L);
    lua_pushvalue(L, idx);
    ch->fn_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    if (pool->listen_conn && pool->listen_conn->state == C_IDLE) {
        char sql[96];
        snprintf(sql, sizeof sql, "LISTEN \"%s\"", name);
        if (!PQsendQuery(pool->listen_conn->pg, sql)) conn_discard(pool->listen_conn, "LISTEN failed");
    }
    return 0;
}

/* pg_listen(channel, fn): fn(channel, payload) runs as a job on every NOTIFY. While a state is
 * being built (possibly on another thread), the registration waits in the state's registry
 * until grocer_pg_listen_pending runs on the loop. */
static int l_pg_listen(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    size_t len = strlen(name);
    if (len == 0 || len >= 64 || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") != len)
        return luaL_error(L, "db.listen: channel names are lowercase letters, digits and _ (got '%s')", name);
    lua_getfield(L, LUA_REGISTRYINDEX, "grocer.pending_listen");
    if (lua_istable(L, -1)) {
        int n = (int)lua_objlen(L, -1);
        lua_pushvalue(L, 1);
        lua_rawseti(L, -2, n + 1);
        lua_pushvalue(L, 2);
        lua_rawseti(L, -2, n + 2);
        return 0;
    }
    lua_pop(L, 1);
    return register_channel(L, name, 2);
}

void grocer_pg_defer_listen(lua_State *L)
{
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "grocer.pending_listen");
}

void grocer_pg_listen_pending(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "grocer.pending_listen");
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "grocer.pending_listen");
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    int t = lua_gettop(L);
    int n = (int)lua_objlen(L, t);
    for (int i = 1; i + 1 <= n; i += 2) {
        lua_rawgeti(L, t, i);
        lua_rawgeti(L, t, i + 1);
        register_channel(L, lua_tostring(L, -2), lua_gettop(L));
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
}

static const luaL_Reg pg_functions[] = {
    {"pg_query", l_pg_query},
    {"pg_batch", l_pg_batch},
    {"pg_acquire", l_pg_acquire},
    {"pg_release", l_pg_release},
    {"pg_listen", l_pg_listen},
    {NULL, NULL},
};

void grocer_pg_register(lua_State *L)
{
    luaL_register(L, NULL, pg_functions);
    /* cjson for json/jsonb columns and table parameters */
    lua_getglobal(L, "require");
    lua_pushliteral(L, "cjson.safe");
    if (lua_pcall(L, 1, 1, 0) == 0) {
        lua_getfield(L, -1, "decode");
        lua_setfield(L, LUA_REGISTRYINDEX, "grocer.json_decode");
        lua_getfield(L, -1, "encode");
        lua_setfield(L, LUA_REGISTRYINDEX, "grocer.json_encode");
    }
    lua_pop(L, 1);
}

/* ---- the pool ---- */

grocer_pg_pool_t *grocer_pg_start(uv_loop_t *loop, const grocer_config_t *cfg, grocer_runtime_t *rt)
{
    if (!cfg->database_url[0]) return NULL;
    grocer_pg_pool_t *pool = calloc(1, sizeof *pool);
    if (!pool) return NULL;
    pool->loop = loop;
    pool->cfg = cfg;
    pool->rt = rt;
    pool->nslots = cfg->db_pool_max < MAX_CONNS ? cfg->db_pool_max : MAX_CONNS;
    snprintf(pool->timeout_opt, sizeof pool->timeout_opt, "-c statement_timeout=%lld",
             (long long)(cfg->db_statement_timeout * 1000));
    /* dbname is expanded (a URI or conninfo); the keys after it override what it says */
    pool->keys[0] = "dbname";
    pool->vals[0] = cfg->database_url;
    pool->keys[1] = "options";
    pool->vals[1] = pool->timeout_opt;
    pool->keys[2] = "application_name";
    pool->vals[2] = "grocer";
    pool->keys[3] = "gssencmode";
    pool->vals[3] = "disable";
    pool->keys[4] = NULL;
    pool->vals[4] = NULL;
    uv_timer_init(loop, &pool->tick);
    pool->tick.data = pool;
    uv_timer_start(&pool->tick, on_tick, 0, TICK_MS);
    uv_timer_init(loop, &pool->kick);
    pool->kick.data = pool;
    the_pool = pool;
    return pool;
}

void grocer_pg_stop(grocer_pg_pool_t *pool)
{
    if (!pool) return;
    pool->stopping = 1;
    uv_timer_stop(&pool->tick);
    uv_timer_stop(&pool->kick);
    for (int i = 0; i < pool->nslots; i++)
        if (pool->slots[i]) conn_discard(pool->slots[i], NULL);
    if (pool->listen_conn) conn_discard(pool->listen_conn, NULL);
}

void grocer_pg_set_runtime(grocer_pg_pool_t *pool, grocer_runtime_t *rt)
{
    if (pool) pool->rt = rt;
}

int grocer_pg_ready(const grocer_pg_pool_t *pool) { return pool && pool->nopen > 0; }

void grocer_pg_forget(const void *owner)
{
    grocer_pg_pool_t *pool = the_pool;
    if (!pool || !owner) return;
    int k = 0;
    for (int i = 0; i < pool->nchannels; i++)
        if (pool->channels[i].owner != owner) pool->channels[k++] = pool->channels[i];
    pool->nchannels = k; /* the LISTEN stays on the connection; a NOTIFY nobody holds is ignored */
}

void grocer_pg_task_finished(grocer_task_t *t)
{
    grocer_pg_pool_t *pool = the_pool;
    if (!pool) return;
    for (int i = 0; i < pool->nslots; i++) {
        pg_conn_t *c = pool->slots[i];
        if (c && c->owner == t && c->state == C_HELD) {
            grocer_log(GROCER_LOG_WARN, "pg", "a request ended holding a connection; closing it");
            conn_discard(c, NULL);
        }
    }
}
