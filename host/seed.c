/* seed.c: grocer seed (see seed.h). The generator is Lua (scripts/seed/init.lua, module `seed`,
 * function run(ctx)); this file gives it three functions and owns the transaction:
 *   ctx.read_gz(name)                the decompressed bytes of scripts/seed/data/NAME (zlib)
 *   ctx.copy(table, columns, text)   COPY table (columns) FROM STDIN, text in COPY text format
 *   ctx.log(msg)                     a progress line
 * Identifiers given to copy are quoted with PQescapeIdentifier; the data never touches SQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lauxlib.h>
#include <lualib.h>
#include <libpq-fe.h>
#include <zlib.h>
#include "seed.h"

#define MAX_DATA_FILE (256u << 20)

typedef struct {
    PGconn *pg;
    const char *app_dir;
    FILE *out;
    long rows;
} seed_ctx_t;

/* Raises "copy TABLE: message" with libpq's message on one line. */
static int copy_error(lua_State *L, PGconn *pg, const char *table)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%s", PQerrorMessage(pg));
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
    return luaL_error(L, "copy %s: %s", table, msg);
}

static seed_ctx_t *ctx_of(lua_State *L)
{
    return lua_touserdata(L, lua_upvalueindex(1));
}

/* ctx.read_gz(name): a file under scripts/seed/data, gunzipped (plain files pass through). */
static int l_read_gz(lua_State *L)
{
    seed_ctx_t *ctx = ctx_of(L);
    const char *name = luaL_checkstring(L, 1);
    if (strstr(name, "..") || name[0] == '/') return luaL_error(L, "read_gz: bad file name '%s'", name);
    char path[4096];
    snprintf(path, sizeof path, "%s/scripts/seed/data/%s", ctx->app_dir, name);
    gzFile gz = gzopen(path, "rb");
    if (!gz) return luaL_error(L, "read_gz: cannot open %s", path);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t total = 0;
    for (;;) {
        char *p = luaL_prepbuffer(&b);
        int n = gzread(gz, p, LUAL_BUFFERSIZE);
        if (n < 0) {
            int errnum;
            const char *msg = gzerror(gz, &errnum);
            gzclose(gz);
            return luaL_error(L, "read_gz: %s: %s", path, msg);
        }
        if (n == 0) break;
        luaL_addsize(&b, (size_t)n);
        total += (size_t)n;
        if (total > MAX_DATA_FILE) {
            gzclose(gz);
            return luaL_error(L, "read_gz: %s is larger than %u bytes", path, MAX_DATA_FILE);
        }
    }
    gzclose(gz);
    luaL_pushresult(&b);
    return 1;
}

/* ctx.copy(table, "col1,col2", text): one COPY FROM STDIN of text (COPY text format). */
static int l_copy(lua_State *L)
{
    seed_ctx_t *ctx = ctx_of(L);
    const char *table = luaL_checkstring(L, 1);
    const char *columns = luaL_checkstring(L, 2);
    size_t len;
    const char *text = luaL_checklstring(L, 3, &len);

    char *qtable = PQescapeIdentifier(ctx->pg, table, strlen(table));
    if (!qtable) return luaL_error(L, "copy: %s", PQerrorMessage(ctx->pg));
    luaL_Buffer sql;
    luaL_buffinit(L, &sql);
    luaL_addstring(&sql, "COPY ");
    luaL_addstring(&sql, qtable);
    PQfreemem(qtable);
    luaL_addstring(&sql, " (");
    const char *p = columns;
    for (int first = 1; *p; first = 0) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        while (n && *p == ' ') p++, n--;
        while (n && p[n - 1] == ' ') n--;
        char *qcol = PQescapeIdentifier(ctx->pg, p, n);
        if (!qcol || !n) return luaL_error(L, "copy: bad column list '%s'", columns);
        if (!first) luaL_addstring(&sql, ", ");
        luaL_addstring(&sql, qcol);
        PQfreemem(qcol);
        p += n;
        while (*p == ' ') p++;
        if (*p == ',') p++;
    }
    luaL_addstring(&sql, ") FROM STDIN");
    luaL_pushresult(&sql);

    PGresult *r = PQexec(ctx->pg, lua_tostring(L, -1));
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        PQclear(r);
        return copy_error(L, ctx->pg, table);
    }
    PQclear(r);
    size_t off = 0;
    while (off < len) {
        size_t n = len - off > (1u << 20) ? (1u << 20) : len - off;
        if (PQputCopyData(ctx->pg, text + off, (int)n) != 1) break;
        off += n;
    }
    int ok = off == len && PQputCopyEnd(ctx->pg, NULL) == 1;
    r = PQgetResult(ctx->pg);
    if (!ok || PQresultStatus(r) != PGRES_COMMAND_OK) {
        PQclear(r);
        while ((r = PQgetResult(ctx->pg))) PQclear(r);
        return copy_error(L, ctx->pg, table);
    }
    long rows = atol(PQcmdTuples(r));
    PQclear(r);
    while ((r = PQgetResult(ctx->pg))) PQclear(r);
    ctx->rows += rows;
    if (ctx->out) fprintf(ctx->out, "grocer seed: %s: %ld rows\n", table, rows);
    lua_pushinteger(L, rows);
    return 1;
}

static int l_log(lua_State *L)
{
    seed_ctx_t *ctx = ctx_of(L);
    if (ctx->out) fprintf(ctx->out, "grocer seed: %s\n", luaL_checkstring(L, 1));
    return 0;
}

/* One statement without parameters; 0 or -1 with err set. */
static int exec(PGconn *pg, const char *sql, char *err, size_t errlen)
{
    PGresult *r = PQexec(pg, sql);
    ExecStatusType st = PQresultStatus(r);
    int ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (!ok) snprintf(err, errlen, "%s", PQresultErrorMessage(r));
    PQclear(r);
    return ok ? 0 : -1;
}

/* Runs require("seed").run(ctx) in a fresh state; 0 or -1 with err set. */
static int run_generator(seed_ctx_t *ctx, char *err, size_t errlen)
{
    lua_State *L = luaL_newstate();
    if (!L) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    luaL_openlibs(L);
    lua_getglobal(L, "package");
    lua_pushfstring(L, "%s/scripts/?.lua;%s/scripts/?/init.lua", ctx->app_dir, ctx->app_dir);
    lua_setfield(L, -2, "path");
    lua_pop(L, 1);

    lua_getglobal(L, "require");
    lua_pushliteral(L, "seed");
    int rc = lua_pcall(L, 1, 1, 0);
    if (!rc) {
        lua_getfield(L, -1, "run");
        lua_newtable(L);
        static const luaL_Reg fns[] = {{"read_gz", l_read_gz}, {"copy", l_copy}, {"log", l_log}, {NULL, NULL}};
        for (const luaL_Reg *f = fns; f->name; f++) {
            lua_pushlightuserdata(L, ctx);
            lua_pushcclosure(L, f->func, 1);
            lua_setfield(L, -2, f->name);
        }
        rc = lua_pcall(L, 1, 0, 0);
    }
    if (rc) snprintf(err, errlen, "%s", lua_isstring(L, -1) ? lua_tostring(L, -1) : "error in scripts/seed");
    lua_close(L);
    return rc ? -1 : 0;
}

/* After the COPYs: serials continue after the ids the generator gave, the planner knows the new
 * tables, and every worker reloads its read model once the transaction commits. */
static const char *const finish_sql[] = {
    "SELECT setval(pg_get_serial_sequence('categories', 'id'), coalesce(max(id), 0) + 1, false) FROM categories",
    "SELECT setval(pg_get_serial_sequence('brands', 'id'), coalesce(max(id), 0) + 1, false) FROM brands",
    "SELECT setval(pg_get_serial_sequence('products', 'id'), coalesce(max(id), 0) + 1, false) FROM products",
    "SELECT setval(pg_get_serial_sequence('stores', 'id'), coalesce(max(id), 0) + 1, false) FROM stores",
    "SELECT pg_notify('grocer_changes', json_build_object('table', 'catalog', 'id', 0,"
    " 'seq', (SELECT coalesce(max(id), 0) FROM outbox))::text)",
    NULL,
};

int grocer_seed(const char *conninfo, const char *app_dir, int force, FILE *out, char *err, size_t errlen)
{
    PGconn *pg = PQconnectdb(conninfo);
    if (PQstatus(pg) != CONNECTION_OK) {
        snprintf(err, errlen, "cannot connect: %s", PQerrorMessage(pg));
        PQfinish(pg);
        return -1;
    }
    PQsetNoticeProcessor(pg, NULL, NULL);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    seed_ctx_t ctx = {.pg = pg, .app_dir = app_dir, .out = out};
    int rc = -1;

    if (exec(pg, "BEGIN", err, errlen) < 0) goto done;
    /* One seed at a time: a second one waits, then finds the catalog there. */
    if (exec(pg, "SELECT pg_advisory_xact_lock(hashtext('grocer seed'))", err, errlen) < 0) goto rollback;
    PGresult *r = PQexec(pg, "SELECT EXISTS (SELECT 1 FROM products)");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "%s", PQresultErrorMessage(r));
        PQclear(r);
        goto rollback;
    }
    int seeded = PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    if (seeded && !force) {
        if (out) fprintf(out, "grocer seed: the database already has a catalog; nothing to do (--force reseeds)\n");
        exec(pg, "ROLLBACK", err, errlen);
        rc = 0;
        goto done;
    }
    if (exec(pg, "SET LOCAL grocer.bulk = 'on'", err, errlen) < 0) goto rollback;
    if (seeded && exec(pg, "TRUNCATE stock, products, brands, categories, stores RESTART IDENTITY CASCADE",
                       err, errlen) < 0)
        goto rollback;
    if (run_generator(&ctx, err, errlen) < 0) goto rollback;
    for (const char *const *sql = finish_sql; *sql; sql++)
        if (exec(pg, *sql, err, errlen) < 0) goto rollback;
    if (exec(pg, "COMMIT", err, errlen) < 0) goto done;
    exec(pg, "ANALYZE categories, brands, products, stores, stock", err, errlen);
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (out)
        fprintf(out, "grocer seed: done, %ld rows in %.1f s\n", ctx.rows,
                (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    rc = 0;
    goto done;

rollback:;
    char ignored[256];
    exec(pg, "ROLLBACK", ignored, sizeof ignored);
done:
    PQfinish(pg);
    return rc;
}
