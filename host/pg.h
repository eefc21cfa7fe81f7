/* pg.h: the worker's PostgreSQL pool: libpq in non-blocking pipeline mode on the libuv loop,
 * statements prepared once per connection, a FIFO of requests waiting for a connection, a
 * LISTEN connection for NOTIFY, reconnection with backoff. Lua reaches it through the
 * functions registered by grocer_pg_register (grocer/db.lua wraps them). Loop thread only,
 * except a cancel request, which runs in libuv's threadpool (PQcancel blocks). */
#ifndef GROCER_PG_H
#define GROCER_PG_H

#include <lua.h>
#include <uv.h>
#include "config.h"

typedef struct grocer_pg_pool_s grocer_pg_pool_t;
typedef struct grocer_task_s grocer_task_t;
typedef struct grocer_runtime_s grocer_runtime_t;

/* Starts the pool of this worker (connections open in the background). NULL when no database
 * is configured (cfg->database_url empty): db functions then answer "database unavailable". */
grocer_pg_pool_t *grocer_pg_start(uv_loop_t *loop, const grocer_config_t *cfg, grocer_runtime_t *rt);
void grocer_pg_stop(grocer_pg_pool_t *pool);

/* The runtime that runs NOTIFY callbacks (set once it has loaded). */
void grocer_pg_set_runtime(grocer_pg_pool_t *pool, grocer_runtime_t *rt);

/* 1 when a connection is open or was opened in the last few seconds. */
int grocer_pg_ready(const grocer_pg_pool_t *pool);

/* While a state is built (maybe off the loop), db.listen calls wait in its registry:
 * grocer_pg_defer_listen before the build, grocer_pg_listen_pending on the loop after it. */
void grocer_pg_defer_listen(lua_State *L);
void grocer_pg_listen_pending(lua_State *L);

/* Adds the db C functions to the table on top of L's stack. */
void grocer_pg_register(lua_State *L);

/* Drops the LISTEN callbacks registered by the generation owner (grocer__runtime_owner): it
 * was retired, or failed to build, and its state is about to close. */
void grocer_pg_forget(const void *owner);

/* A task ended: a connection it still holds is closed, never returned to the pool. */
void grocer_pg_task_finished(grocer_task_t *t);

#endif
