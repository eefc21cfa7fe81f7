/* runtime.c: the worker's Lua state and the coroutines that answer requests (see runtime.h).
 *
 * DESIGN. grocer/runtime.lua returns a runner function. Each pooled coroutine runs it forever:
 * it answers one request, then yields the response (status, content type, body, headers, route,
 * error) and waits to be resumed with the next request's method and path. A C function that
 * waits (sleep, a signal wait, a stream write over its backlog) sets task->waiting before
 * lua_yield, which is how a wait is told apart from a finished request. A task in grocer.wait
 * sits in a hash of signal keys (chained buckets) until grocer.signal of its key, or its timer,
 * wakes it on the next loop turn. Jobs (NOTIFY callbacks, Kafka messages) run the same way in
 * coroutines of their own that answer no client, and may tell their owner when they end. A coroutine that dies (an error escaped the
 * runner, or the time budget fired outside the handler's xpcall) is dropped, never reused.
 *
 * Generations (hot reload): each generation is a complete Lua state built from one app folder
 * (a snapshot made by the master, reload.c). grocer_runtime_reload builds the new one beside
 * the current one and switches only when its boot succeeded. A task holds the generation it
 * started on until it ends, so a request in flight finishes on the old state; the old state is
 * closed (on the next loop turn, never under a resume) once no task uses it. Task structs are
 * shared by all generations; a pooled task whose coroutine belongs to an older generation gets a
 * new one when it is taken. SSE streams still open on a retired generation get a retry hint at
 * once and are ended after SSE_RELOAD_GRACE_MS, so the browser reconnects to the new code.
 *
 * Time budget: a thread stamps nothing; the loop thread stores when each Lua slice began, the
 * watchdog thread checks it every few milliseconds and, past the budget, signals the loop
 * thread, whose handler arms a count hook (as lua.c does for SIGINT). The hook raises an error
 * in interpreted code. Loops inside compiled traces never see it: the master's watchdog
 * replaces the worker then (master.c). */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include "hash.h"
#include "http.h"
#include "log.h"
#include "metrics.h"
#include "pg.h"
#include "runtime.h"

#define BUDGET_SIGNAL SIGUSR2
#define STREAM_HIGH_WATER (256 * 1024)
#define MAX_RESPONSE_HEADERS 64
#define SSE_RELOAD_GRACE_MS 1500
#define SIGNAL_BUCKETS 1024         /* waiters on a signal key, hashed */
#define SIGNAL_KEY_MAX 64

enum { WAIT_NONE, WAIT_SLEEP, WAIT_SIGNAL, WAIT_DRAIN, WAIT_EXTERNAL };

typedef struct gen_s gen_t;

/* One code generation: a Lua state and its request runner. */
struct gen_s {
    grocer_runtime_t *rt;
    lua_State *L;
    int runner_ref;
    uint64_t number;
    int busy;                       /* tasks running on it */
    int retired;                    /* no longer current: closed once busy is 0 */
    gen_t *next_old;
};

struct grocer_task_s {
    grocer_runtime_t *rt;
    gen_t *gen;                     /* the generation of co; NULL when co is NULL */
    int in_use;
    lua_State *co;
    int co_ref;
    grocer_conn_t *conn;            /* NULL once the connection is gone */
    uv_timer_t wait_timer;
    uv_timer_t beat_timer;          /* SSE heartbeat */
    int waiting;
    int in_dispatch;                /* resumed from grocer_runtime_dispatch, not from an event */
    int woken_closed;               /* the wait ended because the client left */
    int stream_ended;
    int stream_closing;             /* its generation retired: writes answer "closed" */
    int background;                 /* runs a job, not the request runner */
    grocer_job_done_fn job_done;    /* told when the job ends */
    void *job_arg;
    /* grocer.wait(key, ms): the key waited on, in its bucket's list while waiting */
    char signal_key[SIGNAL_KEY_MAX];
    size_t signal_key_len;
    uint32_t signal_hash;
    int signal_linked;
    int signalled;                  /* the wait ended by grocer.signal, not by its timeout */
    grocer_task_t *signal_prev, *signal_next;
    grocer_task_abandon_fn on_abandon;
    void *abandon_arg;
    grocer_task_t *next_free;
    grocer_task_t *next_all;
};

struct grocer_runtime_s {
    uv_loop_t *loop;
    const grocer_config_t *cfg;
    int worker_id;
    gen_t *cur;
    gen_t *old;                     /* retired generations not closed yet */
    grocer_task_t *free_tasks;
    grocer_task_t *all_tasks;       /* every task struct, free or not */
    uv_timer_t reap;                /* closes idle retired generations on the next turn */
    uv_timer_t sse_grace;           /* ends SSE streams of retired generations */
    grocer_task_t *current;
    grocer_task_t *signal_waiters[SIGNAL_BUCKETS];
    int ready;
    int building;                   /* a generation is being built off the loop */
    pthread_t watchdog;
    int watchdog_started;
    atomic_int stop;
};

/* Shared with the budget watchdog thread and the signal handler. */
static lua_State *budget_L;
static atomic_ullong slice_started_ns;  /* 0: no Lua running */
static atomic_ullong slice_seq;
static atomic_ullong armed_seq;         /* slice the watchdog signalled about */
static volatile sig_atomic_t hook_armed;
static double budget_seconds;
static pthread_t loop_thread;

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* ---- the time budget ---- */

static void budget_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    luaL_error(L, "request stopped: it ran past its Lua time budget of %g s", budget_seconds);
}

static void on_budget_signal(int sig)
{
    (void)sig;
    int saved = errno;
    if (budget_L && atomic_load(&slice_started_ns) != 0 && atomic_load(&armed_seq) == atomic_load(&slice_seq)) {
        hook_armed = 1;
        lua_sethook(budget_L, budget_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1000);
    }
    errno = saved;
}

static void *budget_watchdog(void *arg)
{
    grocer_runtime_t *rt = arg;
    uint64_t budget_ns = (uint64_t)(rt->cfg->lua_budget * 1e9);
    struct timespec tick = {0, 5 * 1000 * 1000};
    while (!atomic_load(&rt->stop)) {
        nanosleep(&tick, NULL);
        uint64_t started = atomic_load(&slice_started_ns);
        uint64_t seq = atomic_load(&slice_seq);
        if (started && mono_ns() - started > budget_ns && atomic_load(&armed_seq) != seq) {
            atomic_store(&armed_seq, seq);
            pthread_kill(loop_thread, BUDGET_SIGNAL);
        }
    }
    return NULL;
}

/* ---- tasks ---- */

static grocer_runtime_t *runtime_of(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "grocer.runtime");
    grocer_runtime_t *rt = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return rt;
}

static int new_coroutine(grocer_task_t *t)
{
    lua_State *L = t->gen->L;
    t->co = lua_newthread(L);
    t->co_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_rawgeti(t->co, LUA_REGISTRYINDEX, t->gen->runner_ref);
    return 0;
}

static void drop_coroutine(grocer_task_t *t)
{
    if (t->gen && t->co_ref != LUA_NOREF) luaL_unref(t->gen->L, LUA_REGISTRYINDEX, t->co_ref);
    t->co = NULL;
    t->co_ref = LUA_NOREF;
}

static grocer_task_t *task_get(grocer_runtime_t *rt)
{
    grocer_task_t *t = rt->free_tasks;
    if (t) {
        rt->free_tasks = t->next_free;
    } else {
        t = calloc(1, sizeof *t);
        if (!t) return NULL;
        t->rt = rt;
        t->co_ref = LUA_NOREF;
        uv_timer_init(rt->loop, &t->wait_timer);
        uv_timer_init(rt->loop, &t->beat_timer);
        t->wait_timer.data = t;
        t->beat_timer.data = t;
        t->next_all = rt->all_tasks;
        rt->all_tasks = t;
    }
    if (t->co && t->gen != rt->cur) drop_coroutine(t);
    t->gen = rt->cur;
    if (!t->co) new_coroutine(t);
    t->in_use = 1;
    t->gen->busy++;
    t->waiting = WAIT_NONE;
    t->woken_closed = 0;
    t->stream_ended = 0;
    t->stream_closing = 0;
    return t;
}

static void on_reap(uv_timer_t *timer);
static void signal_unlink(grocer_task_t *t);

static void task_put(grocer_task_t *t)
{
    grocer_pg_task_finished(t);
    signal_unlink(t);
    t->on_abandon = NULL;
    t->background = 0;
    t->job_done = NULL;
    uv_timer_stop(&t->wait_timer);
    uv_timer_stop(&t->beat_timer);
    t->conn = NULL;
    t->in_use = 0;
    gen_t *g = t->gen;
    if (--g->busy == 0 && g->retired) uv_timer_start(&t->rt->reap, on_reap, 0, 0);
    t->next_free = t->rt->free_tasks;
    t->rt->free_tasks = t;
}

/* ---- finishing a request ---- */

static int collect_headers(lua_State *co, int idx, grocer_hdr_t *h)
{
    if (!lua_istable(co, idx)) return 0;
    int n = 0;
    int len = (int)lua_objlen(co, idx);
    for (int i = 1; i + 1 <= len && n < MAX_RESPONSE_HEADERS; i += 2) {
        lua_rawgeti(co, idx, i);
        lua_rawgeti(co, idx, i + 1);
        size_t nl, vl;
        const char *name = lua_tolstring(co, -2, &nl);
        const char *value = lua_tolstring(co, -1, &vl);
        lua_pop(co, 2); /* the strings stay alive: the table still holds them */
        if (!name || !value) continue;
        h[n++] = (grocer_hdr_t){name, nl, value, vl};
    }
    return n;
}

static void finish(grocer_task_t *t)
{
    lua_State *co = t->co;
    grocer_conn_t *c = t->conn;
    size_t route_len = 0, err_len = 0;
    const char *route = lua_tolstring(co, 5, &route_len);
    const char *err = lua_tolstring(co, 6, &err_len);
    if (!route) {
        route = "unknown";
        route_len = 7;
    }
    if (err && c) {
        grocer_log(GROCER_LOG_ERROR, "lua", "request %.*s %s %.*s failed: %s", (int)c->req_id_len, c->req_id,
                   grocer_request_method(&c->req), (int)c->path_len, c->path, err);
    } else if (err) {
        grocer_log(GROCER_LOG_ERROR, "lua", "request failed after its client left: %s", err);
    }
    if (!c) return;
    if (c->streaming || c->sse || t->stream_ended) {
        grocer_http_stream_end(c, route, route_len);
        return;
    }
    int status = (int)lua_tointeger(co, 1);
    if (status < 100 || status > 999) status = 500;
    size_t ctype_len = 0, body_len = 0;
    const char *ctype = lua_tolstring(co, 2, &ctype_len);
    const char *body = lua_tolstring(co, 3, &body_len);
    grocer_hdr_t h[MAX_RESPONSE_HEADERS];
    int nh = collect_headers(co, 4, h);
    grocer_http_respond(c, status, ctype ? ctype : "", ctype_len, h, nh, body, body_len, route, route_len);
}

static void fail_request(grocer_task_t *t, const char *msg)
{
    grocer_conn_t *c = t->conn;
    if (c) {
        grocer_log(GROCER_LOG_ERROR, "lua", "request %.*s %s %.*s failed: %s", (int)c->req_id_len, c->req_id,
                   grocer_request_method(&c->req), (int)c->path_len, c->path, msg ? msg : "(no message)");
        if (c->streaming || c->sse) grocer_http_stream_end(c, "error", 5);
        else grocer_http_error_page(c, 500, "error");
    } else {
        grocer_log(GROCER_LOG_ERROR, "lua", "request failed after its client left: %s", msg ? msg : "(no message)");
    }
}

static void resume(grocer_task_t *t, int nargs)
{
    grocer_runtime_t *rt = t->rt;
    signal_unlink(t);
    grocer_worker_slot_t *slot = grocer_shm ? &grocer_shm->workers[rt->worker_id] : NULL;
    lua_State *gL = t->gen->L;
    t->waiting = WAIT_NONE;
    rt->current = t;
    budget_L = gL; /* the hook must land on the state that runs */
    if (slot) slot->lua_since_ms = grocer_now_ms();
    atomic_fetch_add(&slice_seq, 1);
    atomic_store(&slice_started_ns, mono_ns());
    int rc = lua_resume(t->co, nargs);
    atomic_store(&slice_started_ns, 0);
    if (slot) slot->lua_since_ms = 0;
    if (hook_armed) {
        lua_sethook(gL, NULL, 0, 0);
        hook_armed = 0;
    }
    rt->current = NULL;

    grocer_conn_t *c = t->conn;
    int in_dispatch = t->in_dispatch;
    if (rc == LUA_YIELD && t->waiting) return;
    if (t->background) {
        const char *err = NULL;
        if (rc != 0 && rc != LUA_YIELD) {
            err = lua_tostring(t->co, -1);
            if (!err) err = "(error object is not a string)";
            grocer_log(GROCER_LOG_ERROR, "lua", "job failed: %s", err);
        } else if (rc == LUA_YIELD) {
            err = "yielded outside a wait";
            grocer_log(GROCER_LOG_ERROR, "lua", "job yielded outside a wait; dropped");
        }
        grocer_job_done_fn done = t->job_done;
        void *done_arg = t->job_arg;
        t->job_done = NULL;
        if (done) done(done_arg, err);   /* err lives on the coroutine, dropped below */
        drop_coroutine(t);
        task_put(t);
        return;
    }
    if (rc == LUA_YIELD) {
        finish(t);
        lua_settop(t->co, 0);
    } else {
        const char *msg = rc == 0 ? "the request runner returned" : lua_tostring(t->co, -1);
        fail_request(t, msg);
        drop_coroutine(t);
    }
    task_put(t);
    if (c && !in_dispatch) grocer_http_continue(c);
}

void grocer_runtime_dispatch(grocer_runtime_t *rt, grocer_conn_t *c)
{
    grocer_task_t *t = rt->ready ? task_get(rt) : NULL;
    if (!t) {
        grocer_http_error_page(c, 503, "unavailable");
        return;
    }
    t->conn = c;
    c->task = t;
    if (grocer_shm) {
        grocer_worker_slot_t *slot = &grocer_shm->workers[rt->worker_id];
        size_t n = c->path_len < GROCER_ROUTE_NAME_MAX - 1 ? c->path_len : GROCER_ROUTE_NAME_MAX - 1;
        memcpy(slot->lua_route, c->path, n);
        slot->lua_route[n] = '\0';
    }
    lua_State *co = t->co;
    lua_pushstring(co, grocer_request_method(&c->req));
    lua_pushlstring(co, c->path, c->path_len);
    t->in_dispatch = 1;
    resume(t, 2);
    t->in_dispatch = 0;
}

/* ---- events from the connection ---- */

static void on_wait_timer(uv_timer_t *timer)
{
    grocer_task_t *t = timer->data;
    if (t->waiting == WAIT_NONE) return;
    lua_State *co = t->co;
    if (t->woken_closed) {
        lua_pushnil(co);
        lua_pushliteral(co, "closed");
        resume(t, 2);
    } else {
        /* sleep: true; wait: true when signalled, false when its time ran out */
        lua_pushboolean(co, t->waiting != WAIT_SIGNAL || t->signalled);
        resume(t, 1);
    }
}

static void wake_closed(grocer_task_t *t)
{
    if (t->waiting == WAIT_NONE) return;
    t->woken_closed = 1;
    uv_timer_start(&t->wait_timer, on_wait_timer, 0, 0);
}

static void abandon(grocer_task_t *t)
{
    grocer_task_abandon_fn fn = t->on_abandon;
    if (fn && t->waiting == WAIT_EXTERNAL) {
        t->on_abandon = NULL;
        fn(t, t->abandon_arg);
    }
}

void grocer_runtime_peer_gone(grocer_task_t *t)
{
    abandon(t);
    grocer_conn_t *c = t->conn;
    if (c && (c->streaming || c->sse)) wake_closed(t);
    else if (t->waiting == WAIT_DRAIN) wake_closed(t);
    uv_timer_stop(&t->beat_timer);
}

void grocer_runtime_detach(grocer_task_t *t)
{
    abandon(t);
    int streaming = t->conn && (t->conn->streaming || t->conn->sse);
    t->conn = NULL;
    uv_timer_stop(&t->beat_timer);
    if (streaming || t->waiting == WAIT_DRAIN) wake_closed(t);
}

void grocer_runtime_drained(grocer_task_t *t)
{
    if (t->waiting == WAIT_DRAIN) uv_timer_start(&t->wait_timer, on_wait_timer, 0, 0);
}

void grocer_runtime_shutdown_stream(grocer_task_t *t)
{
    grocer_conn_t *c = t->conn;
    if (!c || !c->sse) return;
    static const char hint[] = "retry: 2000\n\n";
    grocer_http_stream_write(c, hint, sizeof hint - 1);
    c->peer_gone = 1; /* nothing more goes out; the handler sees "closed" */
    wake_closed(t);
}

/* ---- functions Lua calls (module grocer.c) ---- */

static grocer_task_t *current(lua_State *L)
{
    grocer_runtime_t *rt = runtime_of(L);
    if (!rt || !rt->current) luaL_error(L, "this function only works while a request is being answered");
    return rt->current;
}

static grocer_conn_t *current_conn(lua_State *L)
{
    grocer_task_t *t = current(L);
    return t->conn;
}

/* The start of a timed wait (sleep, wait): the delay at argument ms_arg into *ms; the task to
 * park, or NULL when its streaming client has gone (nil, "closed" pushed: the caller returns 2).
 * Raises on a negative delay or outside a request's coroutine. */
static grocer_task_t *timed_wait_task(lua_State *L, int ms_arg, const char *fn, lua_Number *ms)
{
    *ms = luaL_checknumber(L, ms_arg);
    if (*ms < 0) luaL_argerror(L, ms_arg, "a delay in milliseconds, not negative");
    grocer_task_t *t = current(L);
    if (lua_pushthread(L)) luaL_error(L, "%s: cannot wait outside a request's coroutine", fn);
    lua_pop(L, 1);
    if (t->conn && (t->conn->peer_gone || t->stream_closing) && (t->conn->streaming || t->conn->sse)) {
        lua_pushnil(L);
        lua_pushliteral(L, "closed");
        return NULL;
    }
    return t;
}

/* Parks t as waiting until its timer fires after ms (or something wakes it earlier). */
static int park(lua_State *L, grocer_task_t *t, int waiting, lua_Number ms)
{
    t->waiting = waiting;
    t->woken_closed = 0;
    uv_timer_start(&t->wait_timer, on_wait_timer, (uint64_t)ms, 0);
    return lua_yield(L, 0);
}

static int l_sleep(lua_State *L)
{
    lua_Number ms;
    grocer_task_t *t = timed_wait_task(L, 1, "sleep", &ms);
    if (!t) return 2;
    return park(L, t, WAIT_SLEEP, ms);
}

/* ---- signals: grocer.wait(key, ms) parks a task until grocer.signal(key) or ms ---- */

static void signal_unlink(grocer_task_t *t)
{
    if (!t->signal_linked) return;
    grocer_task_t **head = &t->rt->signal_waiters[t->signal_hash % SIGNAL_BUCKETS];
    if (t->signal_prev) t->signal_prev->signal_next = t->signal_next;
    else *head = t->signal_next;
    if (t->signal_next) t->signal_next->signal_prev = t->signal_prev;
    t->signal_prev = t->signal_next = NULL;
    t->signal_linked = 0;
}

static uint32_t signal_hash(const char *key, size_t len)
{
    return (uint32_t)grocer_hash(key, len);
}

/* Wakes t on the next loop turn (a zero timer: never inside the signaller's own call). */
static void signal_wake(grocer_task_t *t)
{
    signal_unlink(t);
    t->signalled = 1;
    uv_timer_start(&t->wait_timer, on_wait_timer, 0, 0);
}

int grocer_runtime_signal(grocer_runtime_t *rt, const char *key, size_t len)
{
    uint32_t h = signal_hash(key, len);
    int n = 0;
    grocer_task_t *t = rt->signal_waiters[h % SIGNAL_BUCKETS];
    while (t) {
        grocer_task_t *next = t->signal_next;
        if (t->signal_hash == h && t->signal_key_len == len && !memcmp(t->signal_key, key, len)) {
            signal_wake(t);
            n++;
        }
        t = next;
    }
    return n;
}

int grocer_runtime_signal_prefix(grocer_runtime_t *rt, const char *prefix, size_t len)
{
    int n = 0;
    for (int b = 0; b < SIGNAL_BUCKETS; b++) {
        grocer_task_t *t = rt->signal_waiters[b];
        while (t) {
            grocer_task_t *next = t->signal_next;
            if (t->signal_key_len >= len && !memcmp(t->signal_key, prefix, len)) {
                signal_wake(t);
                n++;
            }
            t = next;
        }
    }
    return n;
}

/* grocer.wait(key, ms): true when grocer.signal(key) (or the host) signalled it, false after ms,
 * nil, "closed" when a streaming client has gone. */
static int l_wait(lua_State *L)
{
    size_t len;
    const char *key = luaL_checklstring(L, 1, &len);
    if (len == 0 || len >= SIGNAL_KEY_MAX)
        return luaL_argerror(L, 1, "a key of 1 to 63 bytes");
    lua_Number ms;
    grocer_task_t *t = timed_wait_task(L, 2, "wait", &ms);
    if (!t) return 2;
    memcpy(t->signal_key, key, len);
    t->signal_key_len = len;
    t->signal_hash = signal_hash(key, len);
    grocer_task_t **head = &t->rt->signal_waiters[t->signal_hash % SIGNAL_BUCKETS];
    t->signal_prev = NULL;
    t->signal_next = *head;
    if (*head) (*head)->signal_prev = t;
    *head = t;
    t->signal_linked = 1;
    t->signalled = 0;
    return park(L, t, WAIT_SIGNAL, ms);
}

/* grocer.signal(key): wakes every task of this worker waiting on key; returns how many. */
static int l_signal(lua_State *L)
{
    size_t len;
    const char *key = luaL_checklstring(L, 1, &len);
    /* on the loop, from a request or a job: not while a generation loads (maybe off the loop,
     * while the loop runs a request of another generation) */
    grocer_task_t *t = current(L);
    if (grocer__runtime_owner(L) != (const void *)t->gen)
        return luaL_error(L, "grocer.signal: only from a request or a job");
    lua_pushinteger(L, grocer_runtime_signal(t->rt, key, len));
    return 1;
}

static void on_beat(uv_timer_t *timer)
{
    grocer_task_t *t = timer->data;
    if (!t->conn || !t->conn->sse) return;
    static const char ping[] = ": ping\n\n";
    grocer_http_stream_write(t->conn, ping, sizeof ping - 1);
}

/* stream_start(status, ctype, headers, sse) */
static int l_stream_start(lua_State *L)
{
    grocer_task_t *t = current(L);
    grocer_conn_t *c = t->conn;
    int status = (int)luaL_checkinteger(L, 1);
    size_t ctype_len;
    const char *ctype = luaL_checklstring(L, 2, &ctype_len);
    int sse = lua_toboolean(L, 4);
    grocer_hdr_t h[MAX_RESPONSE_HEADERS];
    int nh = collect_headers(L, 3, h);
    if (!c || grocer_http_stream_start(c, status, ctype, ctype_len, h, nh, sse) < 0) {
        lua_pushnil(L);
        lua_pushliteral(L, "closed");
        return 2;
    }
    if (sse) {
        uint64_t every = (uint64_t)(t->rt->cfg->sse_heartbeat * 1000);
        uv_timer_start(&t->beat_timer, on_beat, every, every);
    }
    lua_pushboolean(L, 1);
    return 1;
}

static int l_stream_write(lua_State *L)
{
    grocer_task_t *t = current(L);
    size_t len;
    const char *data = luaL_checklstring(L, 1, &len);
    grocer_conn_t *c = t->conn;
    if (!c || t->stream_closing || grocer_http_stream_write(c, data, len) < 0 || c->peer_gone) {
        lua_pushnil(L);
        lua_pushliteral(L, "closed");
        return 2;
    }
    if (grocer_http_backlog(c) > STREAM_HIGH_WATER) {
        t->waiting = WAIT_DRAIN;
        t->woken_closed = 0;
        return lua_yield(L, 0);
    }
    lua_pushboolean(L, 1);
    return 1;
}

static int l_req_header(lua_State *L)
{
    grocer_conn_t *c = current_conn(L);
    const char *name = luaL_checkstring(L, 1);
    size_t len;
    const char *v = c ? grocer_request_header(&c->req, name, &len) : NULL;
    if (!v) return 0;
    lua_pushlstring(L, v, len);
    return 1;
}

/* All headers as a table with lowercase names; repeated ones joined with ", ". */
static int l_req_headers(lua_State *L)
{
    grocer_conn_t *c = current_conn(L);
    lua_newtable(L);
    if (!c) return 1;
    char name[256];
    for (int i = 0; i < c->req.nheaders; i++) {
        const grocer_header_t *h = &c->req.headers[i];
        size_t n = h->name_len < sizeof name ? h->name_len : sizeof name - 1;
        for (size_t k = 0; k < n; k++) {
            char ch = c->req.head[h->name + k];
            name[k] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
        }
        lua_pushlstring(L, name, n);
        lua_pushvalue(L, -1);
        lua_rawget(L, -3);
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_pushlstring(L, c->req.head + h->value, h->value_len);
        } else {
            lua_pushliteral(L, ", ");
            lua_pushlstring(L, c->req.head + h->value, h->value_len);
            lua_concat(L, 3);
        }
        lua_rawset(L, -3);
    }
    return 1;
}

static int l_req_query(lua_State *L)
{
    grocer_conn_t *c = current_conn(L);
    if (!c) return 0;
    lua_pushlstring(L, c->query, c->query_len);
    return 1;
}

static int l_req_body(lua_State *L)
{
    grocer_conn_t *c = current_conn(L);
    if (!c || (!c->req.body_len && !(c->req.parser.flags & (F_CONTENT_LENGTH | F_CHUNKED)))) return 0;
    lua_pushlstring(L, c->req.body ? c->req.body : "", c->req.body_len);
    return 1;
}

static int l_req_id(lua_State *L)
{
    grocer_conn_t *c = current_conn(L);
    if (!c) return 0;
    lua_pushlstring(L, c->req_id, c->req_id_len);
    return 1;
}

static int l_req_remote(lua_State *L)
{
    grocer_conn_t *c = current_conn(L);
    struct sockaddr_storage ss;
    int len = sizeof ss;
    char ip[64];
    if (!c || uv_tcp_getpeername(&c->tcp, (struct sockaddr *)&ss, &len) < 0) return 0;
    if (ss.ss_family == AF_INET6) uv_ip6_name((struct sockaddr_in6 *)&ss, ip, sizeof ip);
    else uv_ip4_name((struct sockaddr_in *)&ss, ip, sizeof ip);
    lua_pushstring(L, ip);
    return 1;
}

static int l_now(lua_State *L)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)(ts.tv_nsec / 1000) / 1e6);
    return 1;
}

static int l_log(lua_State *L)
{
    static const char *const levels[] = {"debug", "info", "warn", "error", NULL};
    int level = luaL_checkoption(L, 1, "info", levels);
    const char *msg = luaL_checkstring(L, 2);
    grocer_runtime_t *rt = runtime_of(L);
    if (rt && rt->current && rt->current->conn) {
        grocer_conn_t *c = rt->current->conn;
        grocer_log(level, "app", "request %.*s: %s", (int)c->req_id_len, c->req_id, msg);
    } else {
        grocer_log(level, "app", "%s", msg);
    }
    return 0;
}

static const luaL_Reg host_functions[] = {
    {"sleep", l_sleep},
    {"wait", l_wait},
    {"signal", l_signal},
    {"stream_start", l_stream_start},
    {"stream_write", l_stream_write},
    {"req_header", l_req_header},
    {"req_headers", l_req_headers},
    {"req_query", l_req_query},
    {"req_body", l_req_body},
    {"req_id", l_req_id},
    {"req_remote", l_req_remote},
    {"now", l_now},
    {"log", l_log},
    {NULL, NULL},
};

/* ---- waits owned by other modules ---- */

grocer_task_t *grocer_task_current(lua_State *L) { return current(L); }

int grocer_task_wait(lua_State *L, grocer_task_t *t, grocer_task_abandon_fn on_abandon, void *arg)
{
    t->waiting = WAIT_EXTERNAL;
    t->on_abandon = on_abandon;
    t->abandon_arg = arg;
    return lua_yield(L, 0);
}

lua_State *grocer_task_thread(grocer_task_t *t) { return t->co; }

void grocer_task_wake(grocer_task_t *t, int nresults)
{
    t->on_abandon = NULL;
    resume(t, nresults);
}

void grocer_runtime_call(grocer_runtime_t *rt, const void *owner, int fn_ref, const char *a, size_t alen,
                         const char *b, size_t blen)
{
    if (!rt->ready || owner != rt->cur) return; /* a callback of a retired or unborn generation */
    grocer_task_t *t = task_get(rt);
    if (!t) return;
    /* a job gets a coroutine of its own, dropped when it ends */
    drop_coroutine(t);
    t->co = lua_newthread(t->gen->L);
    t->co_ref = luaL_ref(t->gen->L, LUA_REGISTRYINDEX);
    t->background = 1;
    t->conn = NULL;
    lua_rawgeti(t->co, LUA_REGISTRYINDEX, fn_ref);
    lua_pushlstring(t->co, a, alen);
    lua_pushlstring(t->co, b, blen);
    t->in_dispatch = 0;
    resume(t, 2);
}

int grocer_runtime_job(grocer_runtime_t *rt, const char *module, const char *fn, grocer_job_push_fn push,
                       void *push_arg, grocer_job_done_fn done, void *done_arg)
{
    if (!rt->ready) return -1;
    grocer_task_t *t = task_get(rt);
    if (!t) return -1;
    drop_coroutine(t);
    t->co = lua_newthread(t->gen->L);
    t->co_ref = luaL_ref(t->gen->L, LUA_REGISTRYINDEX);
    t->background = 1;
    t->conn = NULL;
    lua_State *co = t->co;
    lua_getglobal(co, "require");
    lua_pushstring(co, module);
    if (lua_pcall(co, 1, 1, 0) != 0 || !lua_istable(co, -1)) {
        grocer_log(GROCER_LOG_ERROR, "lua", "job: cannot load module %s", module);
        drop_coroutine(t);
        task_put(t);
        return -1;
    }
    lua_getfield(co, -1, fn);
    lua_remove(co, -2);
    int nargs = push(co, push_arg);
    t->job_done = done;
    t->job_arg = done_arg;
    t->in_dispatch = 0;
    resume(t, nargs);
    return 0;
}

lua_State *grocer_runtime_state(grocer_runtime_t *rt) { return rt->cur->L; }

const void *grocer__runtime_owner(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "grocer.gen");
    const void *g = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return g;
}

/* ---- building the state ---- */

static const char *lua_dir(void)
{
    const char *env = getenv("GROCER_LUA_DIR");
    if (env && *env) return env;
    static char found[PATH_MAX + 32];
    struct stat st;
    if (stat(GROCER_LUA_DIR "/grocer/runtime.lua", &st) == 0) return GROCER_LUA_DIR;
    /* installed layout: <prefix>/bin/grocer and <prefix>/share/grocer/lua */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(found, sizeof found, "%s/../share/grocer/lua", exe);
            return found;
        }
    }
    return GROCER_LUA_DIR;
}

/* Makes a state with the host modules; leaves runtime.lua's module table on the stack. */
static lua_State *new_state(grocer_runtime_t *rt, gen_t *g, const char *app_dir, char *err, size_t errlen)
{
    lua_State *L = luaL_newstate();
    if (!L) {
        snprintf(err, errlen, "cannot create a Lua state (out of memory)");
        return NULL;
    }
    luaL_openlibs(L);
    const char *dir = lua_dir();
    lua_getglobal(L, "package");
    lua_pushfstring(L, "%s/scripts/?.lua;%s/scripts/?/init.lua;%s/?.lua;%s/?/init.lua;", app_dir, app_dir, dir, dir);
    lua_getfield(L, -2, "path");
    lua_concat(L, 2);
    lua_setfield(L, -2, "path");
    lua_getfield(L, -1, "loaded");
    lua_newtable(L);
    luaL_register(L, NULL, host_functions);
    grocer_pg_register(L);
    lua_pushinteger(L, rt ? rt->worker_id : -1);
    lua_setfield(L, -2, "worker_id");
    lua_setfield(L, -2, "grocer.c");
    lua_pop(L, 2);
    lua_pushlightuserdata(L, rt);
    lua_setfield(L, LUA_REGISTRYINDEX, "grocer.runtime");
    lua_pushlightuserdata(L, g);
    lua_setfield(L, LUA_REGISTRYINDEX, "grocer.gen");

    lua_getglobal(L, "require");
    lua_pushliteral(L, "grocer.runtime");
    if (lua_pcall(L, 1, 1, 0) != 0) {
        snprintf(err, errlen, "%s", lua_tostring(L, -1));
        lua_close(L);
        return NULL;
    }
    return L;
}

/* Calls runtime.<fn>(app_dir) with the module on top; leaves its results. */
static int call_runtime(lua_State *L, const char *fn, const char *app_dir, int nresults)
{
    lua_getfield(L, -1, fn);
    lua_pushstring(L, app_dir);
    return lua_pcall(L, 1, nresults, 0);
}

/* ---- generations ---- */

/* Builds a generation from app_dir: a new state, booted. NULL with err set. */
static gen_t *gen_build(grocer_runtime_t *rt, const char *app_dir, uint64_t number, char *err, size_t errlen)
{
    gen_t *g = calloc(1, sizeof *g);
    if (!g) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    g->rt = rt;
    g->number = number;
    g->L = new_state(rt, g, app_dir, err, errlen);
    if (!g->L) {
        free(g);
        return NULL;
    }
    lua_State *L = g->L;
    /* boot(app_dir) -> runner | nil, errors; db.listen calls wait for gen_ready (loop thread) */
    grocer_pg_defer_listen(L);
    if (call_runtime(L, "boot", app_dir, 2) != 0 || lua_isnil(L, -2)) {
        snprintf(err, errlen, "%s", lua_tostring(L, -1) ? lua_tostring(L, -1) : "the app failed to load");
        lua_close(L);
        free(g);
        return NULL;
    }
    lua_pop(L, 1);
    g->runner_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_settop(L, 0);
    return g;
}

/* A built generation joins the worker (loop thread): its LISTEN callbacks register. */
static void gen_ready(gen_t *g)
{
    grocer_pg_listen_pending(g->L);
}

static void gen_close(gen_t *g)
{
    grocer_runtime_t *rt = g->rt;
    for (grocer_task_t *t = rt->all_tasks; t; t = t->next_all) {
        if (t->gen != g) continue;
        t->co = NULL; /* collected with the state */
        t->co_ref = LUA_NOREF;
        t->gen = NULL;
    }
    grocer_pg_forget(g);
    lua_close(g->L);
    free(g);
}

static void on_reap(uv_timer_t *timer)
{
    grocer_runtime_t *rt = timer->data;
    gen_t **pp = &rt->old;
    while (*pp) {
        gen_t *g = *pp;
        if (g->busy == 0) {
            *pp = g->next_old;
            grocer_log(GROCER_LOG_DEBUG, "reload", "generation %llu closed", (unsigned long long)g->number);
            gen_close(g);
        } else {
            pp = &g->next_old;
        }
    }
}

static void end_stream(grocer_task_t *t, const char *hint, size_t hint_len)
{
    grocer_conn_t *c = t->conn;
    if (!c || !c->sse || c->peer_gone || t->stream_closing) return;
    grocer_http_stream_write(c, hint, hint_len);
    t->stream_closing = 1; /* the handler sees "closed"; the response ends cleanly */
    if (t->waiting == WAIT_SLEEP || t->waiting == WAIT_SIGNAL || t->waiting == WAIT_DRAIN)
        wake_closed(t); /* else at its next write */
}

static void on_sse_grace(uv_timer_t *timer)
{
    grocer_runtime_t *rt = timer->data;
    static const char hint[] = "retry: 1000\n\n";
    for (grocer_task_t *t = rt->all_tasks; t; t = t->next_all)
        if (t->in_use && t->gen && t->gen->retired) end_stream(t, hint, sizeof hint - 1);
}

/* The new generation serves from now on; the old one ends with its last task. */
static void gen_switch(grocer_runtime_t *rt, gen_t *g)
{
    gen_t *old = rt->cur;
    rt->cur = g;
    if (!old) return;
    old->retired = 1;
    old->next_old = rt->old;
    rt->old = old;
    grocer_pg_forget(old); /* NOTIFY goes to the new code only */
    int streams = 0;
    static const char hint[] = "retry: 1000\n\n";
    for (grocer_task_t *t = rt->all_tasks; t; t = t->next_all) {
        if (!t->in_use || t->gen != old || !t->conn || !t->conn->sse || t->conn->peer_gone) continue;
        grocer_http_stream_write(t->conn, hint, sizeof hint - 1);
        streams++;
    }
    if (streams) uv_timer_start(&rt->sse_grace, on_sse_grace, SSE_RELOAD_GRACE_MS, 0);
    uv_timer_start(&rt->reap, on_reap, 0, 0);
}

grocer_runtime_t *grocer_runtime_new(uv_loop_t *loop, const grocer_config_t *cfg, const char *app_dir,
                                     uint64_t generation, int worker_id, char *err, size_t errlen)
{
    grocer_runtime_t *rt = calloc(1, sizeof *rt);
    if (!rt) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    rt->loop = loop;
    rt->cfg = cfg;
    rt->worker_id = worker_id;
    gen_t *g = gen_build(rt, app_dir ? app_dir : cfg->app_dir, generation, err, errlen);
    if (!g) {
        free(rt);
        return NULL;
    }
    gen_ready(g);
    gen_switch(rt, g);
    uv_timer_init(loop, &rt->reap);
    uv_timer_init(loop, &rt->sse_grace);
    rt->reap.data = rt->sse_grace.data = rt;
    uv_unref((uv_handle_t *)&rt->reap);
    uv_unref((uv_handle_t *)&rt->sse_grace);
    rt->ready = 1;

    budget_L = g->L;
    budget_seconds = cfg->lua_budget;
    loop_thread = pthread_self();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_budget_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(BUDGET_SIGNAL, &sa, NULL);
    if (pthread_create(&rt->watchdog, NULL, budget_watchdog, rt) == 0) rt->watchdog_started = 1;
    return rt;
}

/* ---- building off the loop ---- */

typedef struct build_s {
    uv_work_t work;
    grocer_runtime_t *rt;
    char dir[PATH_MAX];
    uint64_t generation;
    uint64_t t0;
    gen_t *g;
    char err[4096];
    grocer_reload_done_fn done;
    void *arg;
} build_t;

/* In libuv's threadpool: a state of its own, touching nothing the loop uses. */
static void build_work(uv_work_t *w)
{
    build_t *b = w->data;
    b->g = gen_build(b->rt, b->dir, b->generation, b->err, sizeof b->err);
}

static void build_done(uv_work_t *w, int status)
{
    build_t *b = w->data;
    grocer_runtime_t *rt = b->rt;
    rt->building = 0;
    if (b->g) {
        gen_ready(b->g);
        gen_switch(rt, b->g);
        grocer_log(GROCER_LOG_INFO, "reload", "generation %llu serving (built in %llu ms off the loop)",
                   (unsigned long long)b->generation, (unsigned long long)(grocer_now_ms() - b->t0));
        b->done(rt, b->generation, NULL, b->arg);
    } else {
        if (status < 0) snprintf(b->err, sizeof b->err, "build cancelled: %s", uv_strerror(status));
        b->done(rt, b->generation, b->err, b->arg);
    }
    free(b);
}

int grocer_runtime_reload_async(grocer_runtime_t *rt, const char *app_dir, uint64_t generation,
                                grocer_reload_done_fn done, void *arg)
{
    if (rt->building) return -1;
    build_t *b = calloc(1, sizeof *b);
    if (!b) return -1;
    b->rt = rt;
    snprintf(b->dir, sizeof b->dir, "%s", app_dir);
    b->generation = generation;
    b->t0 = grocer_now_ms();
    b->done = done;
    b->arg = arg;
    b->work.data = b;
    if (uv_queue_work(rt->loop, &b->work, build_work, build_done) < 0) {
        free(b);
        return -1;
    }
    rt->building = 1;
    return 0;
}

uint64_t grocer_runtime_generation(const grocer_runtime_t *rt) { return rt->cur->number; }

void grocer_runtime_free(grocer_runtime_t *rt)
{
    if (!rt) return;
    if (rt->watchdog_started) {
        atomic_store(&rt->stop, 1);
        pthread_join(rt->watchdog, NULL);
    }
    budget_L = NULL;
    /* Task structs, their timers and retired states are left to process exit: the loop is gone. */
    lua_close(rt->cur->L);
    free(rt);
}

int grocer_runtime_ready(const grocer_runtime_t *rt) { return rt && rt->ready; }

static size_t state_memory(lua_State *L)
{
    return (size_t)lua_gc(L, LUA_GCCOUNT, 0) * 1024 + (size_t)lua_gc(L, LUA_GCCOUNTB, 0);
}

size_t grocer_runtime_memory(const grocer_runtime_t *rt)
{
    size_t n = state_memory(rt->cur->L);
    for (const gen_t *g = rt->old; g; g = g->next_old) n += state_memory(g->L);
    return n;
}

int grocer_runtime_check(const char *app_dir, FILE *out)
{
    char err[4096];
    lua_State *L = new_state(NULL, NULL, app_dir, err, sizeof err);
    if (!L) {
        fprintf(out, "%s\n", err);
        return 1;
    }
    /* check(app_dir) -> list of "file:line: message" */
    if (call_runtime(L, "check", app_dir, 1) != 0) {
        fprintf(out, "%s\n", lua_tostring(L, -1));
        lua_close(L);
        return 1;
    }
    int n = (int)lua_objlen(L, -1);
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        fprintf(out, "%s\n", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    lua_close(L);
    return n;
}
