/* catalog_feed.c: keeps the worker's read model (catalog.c) in step with PostgreSQL over one
 * libpq connection of its own, non-blocking on the worker's loop (see catalog_feed.h).
 *
 * The connection LISTENs on grocer_changes, then loads a snapshot (one REPEATABLE READ
 * transaction: the last outbox id, categories, brands, stores, products, stock). Each NOTIFY
 * names a table, a row id and its seq (outbox id): a product or its stock goes on a dirty list,
 * and as soon as the connection is free one query per list fetches the current rows of every
 * dirty product, so a burst of changes costs one round trip, not one per change. A category,
 * brand or store change, or a bulk load ({"table":"catalog"}), reloads the whole catalog (it
 * replaces the served one only once its search index is built). After a lost connection the
 * feed reconnects with backoff and reads the outbox after the last seq it applied, since
 * NOTIFYs sent meanwhile are gone; if the outbox no longer reaches back that far, or the
 * change touches the catalog's shape, it reloads. The connection itself (connect, socket, backoff)
 * is pgconn.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>
#include "catalog.h"
#include "catalog_feed.h"
#include "log.h"
#include "pgconn.h"

#define MISSING_RETRY_MS 5000     /* no catalog tables yet: look again this often */
#define MAX_DIRTY 20000           /* more changed products than this at once: reload */
#define LOAD_RESULTS 6            /* seq, categories, brands, stores, products, stock */

static const char LISTEN_SQL[] = "LISTEN grocer_changes";

static const char LOAD_SQL[] =
    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;"
    "SELECT coalesce(max(id), 0) FROM outbox;"
    "SELECT " GROCER_CATALOG_CATEGORY_COLUMNS " FROM categories ORDER BY position, id;"
    "SELECT " GROCER_CATALOG_BRAND_COLUMNS " FROM brands ORDER BY name, id;"
    "SELECT " GROCER_CATALOG_STORE_COLUMNS " FROM stores ORDER BY id;"
    "SELECT " GROCER_CATALOG_PRODUCT_COLUMNS " FROM products ORDER BY id;"
    "SELECT " GROCER_CATALOG_STOCK_COLUMNS " FROM stock;"
    "COMMIT";

static const char PRODUCTS_SQL[] =
    "SELECT " GROCER_CATALOG_PRODUCT_COLUMNS " FROM products WHERE id = ANY($1::int[])";

static const char STOCK_SQL[] =
    "SELECT " GROCER_CATALOG_STOCK_COLUMNS " FROM stock WHERE product_id = ANY($1::int[])";

/* What changed after seq $1: the last seq, the products whose row or stock changed, whether the
 * catalog's shape changed, and whether the outbox was pruned past $1 (then nobody can tell). */
static const char CATCHUP_SQL[] =
    "SELECT coalesce(max(id), $1::bigint),"
    " coalesce(array_agg(DISTINCT (payload->>'product_id')::int) FILTER"
    "   (WHERE type IN ('product.created', 'product.updated', 'product.deleted', 'price.changed')), '{}'),"
    " coalesce(array_agg(DISTINCT (payload->>'product_id')::int) FILTER (WHERE type = 'inventory.changed'), '{}'),"
    " coalesce(bool_or(type ~ '^(category|brand|store)\\.'), false),"
    " coalesce((SELECT min(id) FROM outbox), $1::bigint + 1) > $1::bigint + 1"
    "   AND NOT EXISTS (SELECT 1 FROM outbox WHERE id = $1::bigint)"
    " FROM outbox WHERE id > $1::bigint";

enum { J_NONE, J_LISTEN, J_LOAD, J_CATCHUP, J_PRODUCTS, J_STOCK };

typedef struct {
    int32_t *ids;
    int n, cap;
} idset_t;

struct grocer_catalog_feed_s {
    grocer_pgconn_t conn;
    int job;
    int listening;
    int missing;                  /* the catalog tables do not exist (yet) */
    int loaded;                   /* a snapshot was loaded once */
    int64_t last_seq;             /* the last change applied */
    int want_load;                /* a full reload is due */
    int want_catchup;             /* read the outbox after last_seq */
    idset_t products, stock;      /* dirty: waiting for a fetch */
    idset_t sent;                 /* the ids of the fetch in flight */
    PGresult *load[LOAD_RESULTS];
    int nload;
    int64_t load_seq;
    char *param;                  /* the int[] literal of the fetch in flight */
    uint64_t loads, changes;
};

/* ---- dirty sets ---- */

static void idset_add(idset_t *s, int64_t id)
{
    if (id <= 0 || id > INT32_MAX) return;
    for (int i = s->n - 1; i >= 0 && i >= s->n - 64; i--)   /* bursts repeat the same ids */
        if (s->ids[i] == id) return;
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 256;
        int32_t *p = realloc(s->ids, (size_t)cap * sizeof *p);
        if (!p) return;
        s->ids = p;
        s->cap = cap;
    }
    s->ids[s->n++] = (int32_t)id;
}

static void idset_take(idset_t *to, idset_t *from)
{
    idset_t t = *to;
    *to = *from;
    *from = t;
    from->n = 0;
}

/* Adds the ids of a PostgreSQL int[] literal such as {3,17,42}. */
static void idset_add_array(idset_t *s, const char *lit)
{
    for (const char *p = lit; *p;) {
        char *end;
        long long v = strtoll(p, &end, 10);
        if (end == p) {
            p++;
            continue;
        }
        idset_add(s, v);
        p = end;
    }
}

/* "{1,2,3}" of the set, the fetch's one parameter. */
static char *idset_literal(const idset_t *s)
{
    char *buf = malloc((size_t)s->n * 12 + 3);
    if (!buf) return NULL;
    char *p = buf;
    *p++ = '{';
    for (int i = 0; i < s->n; i++) p += sprintf(p, i ? ",%d" : "%d", s->ids[i]);
    *p++ = '}';
    *p = '\0';
    return buf;
}

/* ---- NOTIFY payloads: {"table" : "stock", "id" : 12, "seq" : 34}, made by grocer_change() ---- */

/* The value of "key" in the flat JSON object payload, copied into out (strings unquoted). */
static int json_field(const char *payload, const char *key, char *out, size_t cap)
{
    char quoted[40];
    snprintf(quoted, sizeof quoted, "\"%s\"", key);
    const char *p = strstr(payload, quoted);
    if (!p) return -1;
    p += strlen(quoted);
    while (*p == ' ') p++;
    if (*p++ != ':') return -1;
    while (*p == ' ') p++;
    int str = *p == '"';
    if (str) p++;
    size_t n = 0;
    while (p[n] && (str ? p[n] != '"' : (p[n] != ',' && p[n] != '}' && p[n] != ' '))) n++;
    if (n >= cap) return -1;
    memcpy(out, p, n);
    out[n] = '\0';
    return 0;
}

static void on_change(grocer_catalog_feed_t *f, const char *payload)
{
    char table[32], id[24], seq[24];
    if (json_field(payload, "table", table, sizeof table) < 0 || json_field(payload, "id", id, sizeof id) < 0 ||
        json_field(payload, "seq", seq, sizeof seq) < 0) {
        grocer_log(GROCER_LOG_ERROR, "catalog", "ignoring a grocer_changes payload it cannot read: %.200s", payload);
        return;
    }
    f->changes++;
    int64_t s = strtoll(seq, NULL, 10);
    if (s > f->last_seq) f->last_seq = s;
    if (!strcmp(table, "products")) idset_add(&f->products, strtoll(id, NULL, 10));
    else if (!strcmp(table, "stock")) idset_add(&f->stock, strtoll(id, NULL, 10));
    else if (!strcmp(table, "catalog") || !strcmp(table, "categories") || !strcmp(table, "brands") ||
             !strcmp(table, "stores"))
        f->want_load = 1;
}

/* ---- the connection (pgconn.c) ---- */

/* The connection is gone, and with it the job in flight: a fetch's products are dirty again, and
 * the NOTIFYs sent meanwhile are lost, so the outbox is read after last_seq. */
static void on_close(void *arg)
{
    grocer_catalog_feed_t *f = arg;
    for (int i = 0; i < f->nload; i++) PQclear(f->load[i]);
    f->nload = 0;
    free(f->param);
    f->param = NULL;
    for (int i = 0; i < f->sent.n; i++) idset_add(f->job == J_STOCK ? &f->stock : &f->products, f->sent.ids[i]);
    f->sent.n = 0;
    f->job = J_NONE;
    f->listening = 0;
    if (f->loaded) f->want_catchup = 1;
}

/* ---- jobs: one statement (or one multi-statement string) at a time ---- */

static int send_simple(grocer_catalog_feed_t *f, int job, const char *sql)
{
    if (!PQsendQuery(grocer_pgconn_pg(&f->conn), sql)) return -1;
    f->job = job;
    grocer_pgconn_flush(&f->conn);
    return 0;
}

/* Sends sql with f->param (NULL: out of memory) as its one parameter. */
static int send_param(grocer_catalog_feed_t *f, int job, const char *sql)
{
    if (!f->param) return -1;
    const char *params[1] = {f->param};
    if (!PQsendQueryParams(grocer_pgconn_pg(&f->conn), sql, 1, NULL, params, NULL, NULL, 0)) return -1;
    f->job = job;
    grocer_pgconn_flush(&f->conn);
    return 0;
}

static int send_ids(grocer_catalog_feed_t *f, int job, const char *sql, idset_t *dirty)
{
    idset_take(&f->sent, dirty);
    free(f->param);
    f->param = idset_literal(&f->sent);
    return send_param(f, job, sql);
}

static int send_catchup(grocer_catalog_feed_t *f)
{
    free(f->param);
    f->param = malloc(24);
    if (f->param) snprintf(f->param, 24, "%lld", (long long)f->last_seq);
    return send_param(f, J_CATCHUP, CATCHUP_SQL);
}

/* The next job, if the connection is free and something is due. */
static void next_job(grocer_catalog_feed_t *f)
{
    int rc = 0;
    if (f->job != J_NONE || !grocer_pgconn_up(&f->conn)) return;
    if (!f->listening) rc = send_simple(f, J_LISTEN, LISTEN_SQL);
    else if (f->want_load || !f->loaded) rc = send_simple(f, J_LOAD, LOAD_SQL);
    else if (f->want_catchup) rc = send_catchup(f);
    else if (f->products.n > MAX_DIRTY || f->stock.n > MAX_DIRTY) f->want_load = 1, rc = send_simple(f, J_LOAD, LOAD_SQL);
    else if (f->products.n) rc = send_ids(f, J_PRODUCTS, PRODUCTS_SQL, &f->products);
    else if (f->stock.n) rc = send_ids(f, J_STOCK, STOCK_SQL, &f->stock);
    if (rc < 0) grocer_pgconn_fail(&f->conn, "cannot send", 0);
}

static void finish_load(grocer_catalog_feed_t *f)
{
    char err[256];
    grocer_catalog_t *c = NULL;
    if (f->nload == LOAD_RESULTS)
        c = grocer__catalog_build(f->load[1], f->load[2], f->load[3], f->load[4], f->load[5], err, sizeof err);
    else
        snprintf(err, sizeof err, "%d of %d result sets", f->nload, LOAD_RESULTS);
    if (c) {
        int64_t seq = strtoll(PQgetvalue(f->load[0], 0, 0), NULL, 10);
        grocer_log(GROCER_LOG_INFO, "catalog", "loaded %d products, %d categories, %d stores (seq %lld)",
                        PQntuples(f->load[4]), PQntuples(f->load[1]), PQntuples(f->load[3]), (long long)seq);
        grocer__catalog_install(c);
        /* changes noted before the snapshot are in it; later ones are applied on top */
        if (seq > f->last_seq) f->last_seq = seq;
        f->loaded = 1;
        f->want_load = 0;
        f->want_catchup = 0;
        f->loads++;
    } else {
        grocer_log(GROCER_LOG_ERROR, "catalog", "load failed: %s", err);
    }
    for (int i = 0; i < f->nload; i++) PQclear(f->load[i]);
    f->nload = 0;
}

static void finish_catchup(grocer_catalog_feed_t *f, PGresult *r)
{
    if (PQntuples(r) != 1) return;
    int shape = PQgetvalue(r, 0, 3)[0] == 't', pruned = PQgetvalue(r, 0, 4)[0] == 't';
    if (shape || pruned) {
        f->want_load = 1;
    } else {
        idset_add_array(&f->products, PQgetvalue(r, 0, 1));
        idset_add_array(&f->stock, PQgetvalue(r, 0, 2));
        int64_t seq = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        if (seq > f->last_seq) f->last_seq = seq;
    }
    f->want_catchup = 0;
}

/* A result of the job in flight; NULL ends the job. Returns -1 on an error that needs a reconnect. */
static int on_result(grocer_catalog_feed_t *f, PGresult *r)
{
    if (!r) {
        if (f->job == J_LOAD) finish_load(f);
        f->sent.n = 0;
        f->job = J_NONE;
        return 0;
    }
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        if (code && !strcmp(code, "42P01")) {   /* undefined_table: the app has no catalog */
            if (!f->missing) grocer_log(GROCER_LOG_INFO, "catalog", "no catalog tables in this database; the read model is off");
            f->missing = 1;
        } else {
            grocer_log(GROCER_LOG_ERROR, "catalog", "%s", PQresultErrorMessage(r));
        }
        PQclear(r);
        return -1;
    }
    f->missing = 0;
    grocer_pgconn_ok(&f->conn);
    switch (f->job) {
    case J_LISTEN: f->listening = 1; break;
    case J_LOAD:
        if (st == PGRES_TUPLES_OK && f->nload < LOAD_RESULTS) {
            f->load[f->nload++] = r;
            return 0;
        }
        break;
    case J_CATCHUP: finish_catchup(f, r); break;
    case J_PRODUCTS: grocer__catalog_apply_products(r, f->sent.ids, f->sent.n); break;
    case J_STOCK: grocer__catalog_apply_stock(r, f->sent.ids, f->sent.n); break;
    default: break;
    }
    PQclear(r);
    return 0;
}

/* Everything the feed does on its connection happens here, once it is up: read results and
 * NOTIFYs, send the next job. */
static void step(void *arg)
{
    grocer_catalog_feed_t *f = arg;
    if (!grocer_pgconn_up(&f->conn)) return;
    PGconn *pg = grocer_pgconn_pg(&f->conn);
    for (;;) {
        PGnotify *n;
        while ((n = PQnotifies(pg))) {
            on_change(f, n->extra);
            PQfreemem(n);
        }
        if (f->job == J_NONE) {
            next_job(f);
            if (f->job == J_NONE || !grocer_pgconn_up(&f->conn)) return;
        }
        if (PQisBusy(pg)) return;
        if (on_result(f, PQgetResult(pg)) < 0) {
            grocer_pgconn_fail(&f->conn, "query failed", f->missing ? MISSING_RETRY_MS : 0);
            return;
        }
    }
}

static const grocer_pgconn_opts_t PG_OPTS = {
    .application_name = "grocer-catalog", .log_tag = "catalog", .fail_note = "reconnecting",
    .backoff_min_ms = 100, .backoff_max_ms = 2000, .on_step = step, .on_close = on_close,
};

/* ---- the worker's interface ---- */

grocer_catalog_feed_t *grocer_catalog_feed_start(uv_loop_t *loop, const char *conninfo)
{
    if (!conninfo || !conninfo[0]) return NULL;
    grocer_catalog_feed_t *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    grocer__catalog_init(loop);
    grocer_pgconn_start(&f->conn, loop, conninfo, &PG_OPTS, f);
    return f;
}

void grocer_catalog_feed_stop(grocer_catalog_feed_t *f)
{
    if (!f) return;
    grocer_pgconn_stop(&f->conn);
    free(f->products.ids);
    free(f->stock.ids);
    free(f->sent.ids);
}

void grocer_catalog_feed_free(grocer_catalog_feed_t *f)
{
    free(f);
    grocer__catalog_shutdown();
}

int grocer_catalog_feed_ready(const grocer_catalog_feed_t *f)
{
    return !f || f->missing || grocer_catalog_current() != NULL;
}
