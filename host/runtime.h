/* runtime.h: the Lua side of a worker: the code generations (each a LuaJIT state built from
 * a snapshot of the app folder; hot reload switches between them), the pool of coroutines that
 * run requests and jobs, the C functions Lua calls to wait (sleep, signals, stream writes) and
 * the per-request Lua time budget. Runs on the worker's loop thread, except the budget watchdog
 * thread, which only reads two words and sends a signal. */
#ifndef GROCER_RUNTIME_H
#define GROCER_RUNTIME_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <uv.h>
#include <lua.h>
#include "config.h"

typedef struct grocer_runtime_s grocer_runtime_t;
typedef struct grocer_task_s grocer_task_t;
typedef struct grocer_conn_s grocer_conn_t;

/* Builds the first generation from app_dir (NULL: cfg->app_dir), labelled generation. NULL
 * with err set when the app fails to load. */
grocer_runtime_t *grocer_runtime_new(uv_loop_t *loop, const grocer_config_t *cfg, const char *app_dir,
                                     uint64_t generation, int worker_id, char *err, size_t errlen);

/* Hot reload: builds a new generation from app_dir beside the current one, in libuv's
 * threadpool so serving never waits for it, and switches to it on the loop only if all of it
 * loaded. Requests in flight finish on the old state, which is closed when its last task ends;
 * its SSE streams get a retry hint and are ended after a short grace. Then done(rt, generation,
 * err): err NULL on success, else "file:line: message" and nothing that serves changed.
 * Returns 0, or -1 while another build is running (ask again from done). */
typedef void (*grocer_reload_done_fn)(grocer_runtime_t *rt, uint64_t generation, const char *err, void *arg);
int grocer_runtime_reload_async(grocer_runtime_t *rt, const char *app_dir, uint64_t generation,
                                grocer_reload_done_fn done, void *arg);

uint64_t grocer_runtime_generation(const grocer_runtime_t *rt);
void grocer_runtime_free(grocer_runtime_t *rt);
int grocer_runtime_ready(const grocer_runtime_t *rt);
size_t grocer_runtime_memory(const grocer_runtime_t *rt);

/* Runs the Lua handler of c's current request in a pooled coroutine. The request is answered
 * before this returns, or later when the coroutine's wait completes. */
void grocer_runtime_dispatch(grocer_runtime_t *rt, grocer_conn_t *c);

/* Events from the connection to its task. */
void grocer_runtime_peer_gone(grocer_task_t *t);       /* client went away; wakes a stream */
void grocer_runtime_detach(grocer_task_t *t);          /* connection closed: forget it */
void grocer_runtime_drained(grocer_task_t *t);         /* its output was written: wakes a writer */
void grocer_runtime_shutdown_stream(grocer_task_t *t); /* SIGTERM: retry hint, end the SSE stream */

/* Signals (grocer.wait / grocer.signal in Lua): wakes, on the next loop turn, every task of this
 * worker waiting on key (or on any key starting with prefix). Returns how many. */
int grocer_runtime_signal(grocer_runtime_t *rt, const char *key, size_t len);
int grocer_runtime_signal_prefix(grocer_runtime_t *rt, const char *prefix, size_t len);

/* ---- waits owned by other modules (pg.c; later Kafka and the HTTP client) ---- */

typedef void (*grocer_task_abandon_fn)(grocer_task_t *t, void *arg);

/* The task whose coroutine is running L; raises a Lua error outside a request or job. */
grocer_task_t *grocer_task_current(lua_State *L);

/* Parks the running task until grocer_task_wake. on_abandon (may be NULL) is called once if
 * its client goes away meanwhile; the wait still ends only through grocer_task_wake.
 * Returns what the C function must return (lua_yield). */
int grocer_task_wait(lua_State *L, grocer_task_t *t, grocer_task_abandon_fn on_abandon, void *arg);

/* The coroutine of a parked task: push the wait's results on it, then wake it. */
lua_State *grocer_task_thread(grocer_task_t *t);
void grocer_task_wake(grocer_task_t *t, int nresults);

/* Runs the Lua function at registry ref fn_ref of owner's state (grocer__runtime_owner of the
 * state that made the ref) with two string arguments in a fresh coroutine that answers no
 * client (NOTIFY callbacks, jobs). Errors are logged. Does nothing unless owner is the current
 * generation. */
void grocer_runtime_call(grocer_runtime_t *rt, const void *owner, int fn_ref, const char *a, size_t alen,
                         const char *b, size_t blen);

/* Runs require(module)[fn](...) in a fresh coroutine of the current generation that answers no
 * client (Kafka messages): push(co, push_arg) pushes the arguments and returns their count. Once
 * the function has returned or failed, done(done_arg, err) is called (err NULL, or the error;
 * valid during the call only), maybe before this returns. Returns -1 (and done is never called)
 * when no generation is ready or the module does not load. */
typedef int (*grocer_job_push_fn)(lua_State *co, void *arg);
typedef void (*grocer_job_done_fn)(void *arg, const char *err);
int grocer_runtime_job(grocer_runtime_t *rt, const char *module, const char *fn, grocer_job_push_fn push,
                       void *push_arg, grocer_job_done_fn done, void *done_arg);

/* The generation L belongs to, as an opaque tag (NULL for grocer check's state). */
const void *grocer__runtime_owner(lua_State *L);

/* The current generation's state (changes on reload). */
lua_State *grocer_runtime_state(grocer_runtime_t *rt);

/* grocer check: loads every script, template and catalog of app_dir; prints each problem as
 * file:line: message on out. Returns the number of problems. */
int grocer_runtime_check(const char *app_dir, FILE *out);

#endif
