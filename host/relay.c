/* relay.c: the outbox relay (see relay.h): one PostgreSQL connection of its own, non-blocking on
 * the worker's loop (pgconn.c: connect, socket, reconnect with backoff), and the worker's Kafka
 * producer (kafka.c).
 *
 * DESIGN: the connection first asks for the session advisory lock; without it the relay only
 * asks again every LOCK_RETRY_MS. With it, it LISTENs on grocer_changes and runs one batch at a
 * time: SELECT the oldest unsent rows of a known type (at most BATCH_ROWS, in id order), the
 * envelope JSON built by PostgreSQL itself, produce each to its topic with the row's key, wait
 * for every delivery report, then UPDATE sent_at for the acknowledged rows, then the next SELECT.
 * One batch in flight keeps the order simple: a row is produced only after every earlier row was
 * acknowledged or is in the same batch, produced before it by the same idempotent producer. If a
 * delivery fails (the broker was away longer than librdkafka's message timeout), only the rows
 * before the first failure are marked; the rest are read and produced again after a pause, so a
 * key's later event is never marked while an earlier one is not. A NOTIFY wakes the relay when
 * idle, and a 1 s tick reads anyway (a NOTIFY can be lost while reconnecting). After a batch that
 * was not full the next SELECT waits GATHER_MS, so a steady trickle of changes (a sale: a thousand
 * stock changes a second) goes out in batches of tens, not as a SELECT, a produce and an UPDATE
 * with its commit per change, which would compete with the shop's own commits; a backlog (full
 * batches) is read back to back. While the broker
 * is down the batch waits inside librdkafka, the outbox grows, and nothing else slows down.
 * Rows of a type no topic takes stay unsent and are counted and logged every minute. Sent rows
 * older than 7 days are deleted once an hour. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>
#include "log.h"
#include "metrics.h"
#include "pgconn.h"
#include "relay.h"

#define BATCH_ROWS 500
#define TICK_MS 1000              /* read the outbox at least this often while leading */
#define LOCK_RETRY_MS 3000        /* a follower asks for the lock this often */
#define FAIL_PAUSE_MS 1000        /* after a failed delivery, before producing again */
#define GATHER_MS 20              /* after a batch that was not full, before the next SELECT */
#define UNKNOWN_EVERY_MS 60000    /* count rows no topic takes */
#define BACKLOG_EVERY_MS 5000     /* count the unsent rows, for /metrics */
#define PRUNE_EVERY_MS 3600000    /* delete sent rows older than 7 days */

/* Event type prefix (the noun of noun.verb) -> topic. */
static const struct {
    const char *prefix;
    const char *topic;
} TOPICS[] = {
    {"inventory", "inventory"},
    {"price", "catalog"},
    {"product", "catalog"},
    {"category", "catalog"},
    {"brand", "catalog"},
    {"store", "catalog"},
    {"order", "orders"},
    {"payment", "payments"},
    {"delivery", "deliveries"},
    {"notification", "notifications"},
};
#define NTOPICS (sizeof TOPICS / sizeof TOPICS[0])

#define STR_(x) #x
#define STR(x) STR_(x)
static const char LOCK_SQL[] = "SELECT pg_try_advisory_lock(" STR(GROCER_RELAY_LOCK_KEY) ")";
static const char LISTEN_SQL[] = "LISTEN grocer_changes";

/* $1: the known prefixes. The envelope of DESIGN.md (Events): id as a string, time in RFC 3339
 * UTC; every current event type is at version 1 (a type whose data changes incompatibly gets its
 * own version here). */
static const char SELECT_SQL[] =
    "SELECT id, type, key, jsonb_build_object("
    "'id', id::text, 'type', type, 'key', key,"
    " 'time', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
    " 'version', 1, 'data', payload)::text"
    " FROM outbox WHERE sent_at IS NULL AND split_part(type, '.', 1) = ANY($1::text[])"
    " ORDER BY id LIMIT " STR(BATCH_ROWS);

static const char MARK_SQL[] = "UPDATE outbox SET sent_at = now() WHERE id = ANY($1::bigint[]) AND sent_at IS NULL";

static const char UNKNOWN_SQL[] =
    "SELECT count(*), coalesce(string_agg(DISTINCT type, ', '), '')"
    " FROM outbox WHERE sent_at IS NULL AND NOT split_part(type, '.', 1) = ANY($1::text[])";

static const char BACKLOG_SQL[] =
    "SELECT count(*), coalesce(floor(extract(epoch FROM now() - min(created_at)) * 1000), 0)::bigint"
    " FROM outbox WHERE sent_at IS NULL";

static const char PRUNE_SQL[] = "DELETE FROM outbox WHERE sent_at < now() - interval '7 days'";

enum { J_NONE, J_LOCK, J_LISTEN, J_SELECT, J_MARK, J_UNKNOWN, J_BACKLOG, J_PRUNE };
enum { D_PENDING, D_OK, D_FAILED };

typedef struct {
    grocer_relay_t *r;
    int64_t id;
    int state;
} slot_t;

struct grocer_relay_s {
    grocer_pgconn_t conn;
    grocer_kafka_t *kafka;
    uv_timer_t tick;              /* lock retry, fallback read, schedules */
    uv_timer_t hold;              /* wakes the relay when hold_until_ms has passed */
    int job;
    int stopping;
    int leader, listening;
    uint64_t lock_due_ms;         /* follower: when to ask again */
    int want_select;
    uint64_t hold_until_ms;       /* no SELECT before this (after a failure) */
    uint64_t unknown_due_ms, prune_due_ms, backlog_due_ms;
    /* the batch in flight */
    slot_t slots[BATCH_ROWS];
    int nslots, pending;
    char *mark;                   /* "{ids}" acknowledged and not yet marked; NULL: none */
    char *param;                  /* the parameter of the statement in flight */
    char prefixes[256];           /* "{inventory,price,...}" */
    int failing;                  /* deliveries are failing: log once, then the recovery */
    grocer_relay_stats_t *stats;   /* the worker's metrics slot, or own_stats */
    grocer_relay_stats_t own_stats;
};

static void step(void *arg);
static void on_hold(uv_timer_t *t);

static const char *topic_of(const char *type)
{
    size_t n = strcspn(type, ".");
    for (size_t i = 0; i < NTOPICS; i++)
        if (strlen(TOPICS[i].prefix) == n && !strncmp(TOPICS[i].prefix, type, n)) return TOPICS[i].topic;
    return NULL;
}

/* ---- the connection (pgconn.c) ---- */

/* Adds the "{ids}" literal ids (taken) to the rows waiting to be marked. */
static void add_mark(grocer_relay_t *r, char *ids)
{
    if (r->mark) {
        size_t a = strlen(r->mark), b = strlen(ids);
        char *both = malloc(a + b + 1);
        if (both) {
            memcpy(both, r->mark, a - 1);
            both[a - 1] = ',';
            memcpy(both + a, ids + 1, b);
            free(ids);
            ids = both;
        }
        free(r->mark);
    }
    r->mark = ids;
}

/* The connection is gone, and with it the lock (the server drops it with the session). */
static void on_close(void *arg)
{
    grocer_relay_t *r = arg;
    if (r->job == J_MARK && r->param) {
        /* the UPDATE may or may not have committed: mark again after reconnecting, harmless */
        add_mark(r, r->param);
        r->param = NULL;
    }
    r->job = J_NONE;
    r->listening = 0;
    r->lock_due_ms = 0;           /* ask for it as soon as connected again */
    if (r->leader && !r->stopping) grocer_log(GROCER_LOG_WARN, "relay", "lost the outbox lock with the connection");
    r->leader = 0;
    r->stats->leader = 0;
}

/* ---- the batch ---- */

/* "{id,id,...}" of the acknowledged rows before the first one that is not; NULL when none. */
static char *acked_prefix(grocer_relay_t *r, int *n)
{
    *n = 0;
    while (*n < r->nslots && r->slots[*n].state == D_OK) (*n)++;
    if (*n == 0) return NULL;
    char *buf = malloc((size_t)*n * 21 + 3);
    if (!buf) return NULL;
    char *p = buf;
    *p++ = '{';
    for (int i = 0; i < *n; i++) p += sprintf(p, i ? ",%lld" : "%lld", (long long)r->slots[i].id);
    *p++ = '}';
    *p = '\0';
    return buf;
}

/* Every delivery of the batch is in: hand the acknowledged prefix to MARK, pause on a failure. */
static void finish_batch(grocer_relay_t *r)
{
    int n;
    char *ids = acked_prefix(r, &n);
    if (n < r->nslots) {
        r->hold_until_ms = grocer_now_ms() + FAIL_PAUSE_MS;
    } else {
        if (r->failing) {
            r->failing = 0;
            grocer_log(GROCER_LOG_INFO, "relay", "the broker acknowledges again; publishing the backlog");
        }
        if (r->nslots < BATCH_ROWS) r->hold_until_ms = grocer_now_ms() + GATHER_MS;
    }
    if (ids) {
        add_mark(r, ids);
        r->stats->published += (uint64_t)n;
    }
    r->nslots = 0;
    r->want_select = 1;
}

static void on_delivery(void *opaque, const char *err, int32_t partition, int64_t offset)
{
    (void)partition;
    (void)offset;
    slot_t *s = opaque;
    grocer_relay_t *r = s->r;
    s->state = err ? D_FAILED : D_OK;
    if (err) {
        r->stats->failed++;
        if (!r->failing) {
            r->failing = 1;
            grocer_log(GROCER_LOG_WARN, "relay", "outbox row %lld not delivered: %s; it stays unsent and is "
                       "published again", (long long)s->id, err);
        }
    }
    if (--r->pending == 0) {
        finish_batch(r);
        step(r);
    }
}

/* Produces the SELECT's rows in order; stops at the first that librdkafka refuses. */
static void produce_batch(grocer_relay_t *r, PGresult *res)
{
    int rows = PQntuples(res);
    r->nslots = 0;
    r->pending = 0;
    for (int i = 0; i < rows && i < BATCH_ROWS; i++) {
        slot_t *s = &r->slots[r->nslots];
        s->r = r;
        s->id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
        s->state = D_PENDING;
        const char *topic = topic_of(PQgetvalue(res, i, 1));
        int keyless = PQgetisnull(res, i, 2);
        char err[256];
        if (!topic) break;   /* the SELECT takes known prefixes only */
        if (grocer_kafka_produce(r->kafka, topic, keyless ? NULL : PQgetvalue(res, i, 2),
                                 keyless ? 0 : (size_t)PQgetlength(res, i, 2), PQgetvalue(res, i, 3),
                                 (size_t)PQgetlength(res, i, 3), on_delivery, s, err, sizeof err) < 0) {
            if (!r->failing) {
                r->failing = 1;
                grocer_log(GROCER_LOG_WARN, "relay", "cannot produce outbox row %lld to %s: %s",
                           (long long)s->id, topic, err);
            }
            r->hold_until_ms = grocer_now_ms() + FAIL_PAUSE_MS;
            break;
        }
        r->nslots++;
        r->pending++;
    }
    if (r->nslots == 0) r->want_select = rows > 0;   /* refused at once: try again after the pause */
    else r->want_select = 0;
}

/* ---- jobs: one statement at a time ---- */

static int send_params(grocer_relay_t *r, int job, const char *sql, const char *param)
{
    const char *params[1] = {param};
    if (!PQsendQueryParams(grocer_pgconn_pg(&r->conn), sql, param ? 1 : 0, NULL, param ? params : NULL, NULL, NULL, 0))
        return -1;
    r->job = job;
    grocer_pgconn_flush(&r->conn);
    return 0;
}

static void next_job(grocer_relay_t *r)
{
    int rc = 0;
    uint64_t now = grocer_now_ms();
    if (r->job != J_NONE || !grocer_pgconn_up(&r->conn)) return;
    if (r->mark) {   /* acknowledged rows are marked even by a relay that lost the lock */
        free(r->param);
        r->param = r->mark;
        r->mark = NULL;
        rc = send_params(r, J_MARK, MARK_SQL, r->param);
    } else if (!r->leader) {
        if (now >= r->lock_due_ms) rc = send_params(r, J_LOCK, LOCK_SQL, NULL);
    } else if (!r->listening) {
        rc = send_params(r, J_LISTEN, LISTEN_SQL, NULL);
    } else if (now >= r->backlog_due_ms) {   /* also while a batch waits for a broker that is away */
        rc = send_params(r, J_BACKLOG, BACKLOG_SQL, NULL);
    } else if (r->nslots) {
        return;   /* a batch is in flight */
    } else if (now >= r->prune_due_ms) {
        rc = send_params(r, J_PRUNE, PRUNE_SQL, NULL);
    } else if (now >= r->unknown_due_ms) {
        rc = send_params(r, J_UNKNOWN, UNKNOWN_SQL, r->prefixes);
    } else if (r->want_select && now >= r->hold_until_ms) {
        rc = send_params(r, J_SELECT, SELECT_SQL, r->prefixes);
    } else if (r->want_select && !uv_is_active((uv_handle_t *)&r->hold)) {
        uv_timer_start(&r->hold, on_hold, r->hold_until_ms - now, 0);
    }
    if (rc < 0) grocer_pgconn_fail(&r->conn, "cannot send", 0);
}

/* A result of the job in flight; NULL ends the job. -1: reconnect. */
static int on_result(grocer_relay_t *r, PGresult *res)
{
    if (!res) {
        if (r->job == J_MARK) {
            free(r->param);
            r->param = NULL;
        }
        r->job = J_NONE;
        return 0;
    }
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        const char *code = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        if (code && !strcmp(code, "42P01")) {   /* no outbox table (yet): look again later */
            r->hold_until_ms = grocer_now_ms() + 10 * TICK_MS;
            r->prune_due_ms = r->unknown_due_ms = r->backlog_due_ms = r->hold_until_ms;
            PQclear(res);
            return 0;
        }
        char msg[512];
        snprintf(msg, sizeof msg, "%s", PQresultErrorMessage(res));
        for (char *p = msg; *p; p++)
            if (*p == '\n') *p = ' ';
        grocer_log(GROCER_LOG_ERROR, "relay", "%s", msg);
        PQclear(res);
        if (r->job == J_BACKLOG) {   /* the count is for /metrics: never a reason to stop publishing */
            r->backlog_due_ms = grocer_now_ms() + BACKLOG_EVERY_MS;
            return 0;
        }
        return -1;
    }
    switch (r->job) {
    case J_LOCK:
        grocer_pgconn_ok(&r->conn);
        if (PQntuples(res) == 1 && PQgetvalue(res, 0, 0)[0] == 't') {
            r->leader = 1;
            r->stats->leader = 1;
            r->want_select = 1;
            r->prune_due_ms = r->unknown_due_ms = r->backlog_due_ms = 0;
            grocer_log(GROCER_LOG_INFO, "relay", "this worker publishes the outbox (lock %lld)",
                       (long long)GROCER_RELAY_LOCK_KEY);
        } else {
            r->lock_due_ms = grocer_now_ms() + LOCK_RETRY_MS;
        }
        break;
    case J_LISTEN: r->listening = 1; break;
    case J_SELECT: produce_batch(r, res); break;
    case J_MARK: r->want_select = 1; break;
    case J_UNKNOWN:
        r->unknown_due_ms = grocer_now_ms() + UNKNOWN_EVERY_MS;
        r->stats->unknown = strtoull(PQgetvalue(res, 0, 0), NULL, 10);
        if (r->stats->unknown)
            grocer_log(GROCER_LOG_WARN, "relay", "%llu outbox rows have a type no topic takes (%s); they stay unsent",
                       (unsigned long long)r->stats->unknown, PQgetvalue(res, 0, 1));
        break;
    case J_BACKLOG:
        r->backlog_due_ms = grocer_now_ms() + BACKLOG_EVERY_MS;
        r->stats->unsent = strtoull(PQgetvalue(res, 0, 0), NULL, 10);
        r->stats->oldest_unsent_ms = strtoull(PQgetvalue(res, 0, 1), NULL, 10);
        break;
    case J_PRUNE: {
        r->prune_due_ms = grocer_now_ms() + PRUNE_EVERY_MS;
        uint64_t n = strtoull(PQcmdTuples(res), NULL, 10);
        r->stats->pruned += n;
        if (n) grocer_log(GROCER_LOG_INFO, "relay", "deleted %llu outbox rows sent more than 7 days ago",
                          (unsigned long long)n);
        break;
    }
    default: break;
    }
    PQclear(res);
    return 0;
}

/* Everything the relay does on its connection, once it is up: read results and NOTIFYs, send
 * the next job. Also run by the timers and when a batch's last delivery report is in. */
static void step(void *arg)
{
    grocer_relay_t *r = arg;
    if (!grocer_pgconn_up(&r->conn)) return;
    PGconn *pg = grocer_pgconn_pg(&r->conn);
    for (;;) {
        PGnotify *n;
        while ((n = PQnotifies(pg))) {
            r->want_select = 1;
            PQfreemem(n);
        }
        if (r->job == J_NONE) {
            next_job(r);
            if (r->job == J_NONE || !grocer_pgconn_up(&r->conn)) return;
        }
        if (PQisBusy(pg)) return;
        if (on_result(r, PQgetResult(pg)) < 0) {
            grocer_pgconn_fail(&r->conn, "query failed", 0);
            return;
        }
    }
}

static void on_hold(uv_timer_t *t)
{
    step(t->data);
}

static void on_tick(uv_timer_t *t)
{
    grocer_relay_t *r = t->data;
    if (r->leader) r->want_select = 1;
    step(r);
}

static const grocer_pgconn_opts_t PG_OPTS = {
    .application_name = "grocer-relay", .log_tag = "relay", .fail_note = "reconnecting",
    .backoff_min_ms = 100, .backoff_max_ms = 5000, .on_step = step, .on_close = on_close,
};

/* ---- the worker's interface ---- */

grocer_relay_t *grocer_relay_start(uv_loop_t *loop, const char *conninfo, grocer_kafka_t *k,
                                   grocer_relay_stats_t *stats)
{
    if (!conninfo || !conninfo[0] || !k) return NULL;
    grocer_relay_t *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->stats = stats ? stats : &r->own_stats;
    r->stats->leader = 0;
    r->kafka = k;
    char *p = r->prefixes;
    *p++ = '{';
    for (size_t i = 0; i < NTOPICS; i++) p += sprintf(p, i ? ",%s" : "%s", TOPICS[i].prefix);
    *p++ = '}';
    *p = '\0';
    uv_timer_init(loop, &r->tick);
    r->tick.data = r;
    uv_timer_init(loop, &r->hold);
    r->hold.data = r;
    uv_timer_start(&r->tick, on_tick, TICK_MS, TICK_MS);
    grocer_pgconn_start(&r->conn, loop, conninfo, &PG_OPTS, r);
    return r;
}

void grocer_relay_stop(grocer_relay_t *r)
{
    if (!r || r->stopping) return;
    r->stopping = 1;
    uv_timer_stop(&r->tick);
    uv_close((uv_handle_t *)&r->tick, NULL);
    uv_timer_stop(&r->hold);
    uv_close((uv_handle_t *)&r->hold, NULL);
    grocer_pgconn_stop(&r->conn);
}

void grocer_relay_free(grocer_relay_t *r)
{
    if (!r) return;
    free(r->mark);
    free(r->param);
    free(r);
}
