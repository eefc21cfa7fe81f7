/* inventory.c: inventory in (see inventory.h): a Kafka consumer (kafka.c) and one PostgreSQL
 * connection of its own, non-blocking on the worker's loop (pgconn.c: connect, socket, reconnect
 * with backoff). The rules of a message (dedupe by id, set or delta, stop at 0, the
 * missing stock row) live in SQL, in inventory_apply() (migrations/0003_inventory_events.sql).
 *
 * DESIGN: one batch at a time, one statement a batch. The consumer hands over what Kafka has
 * delivered (up to MAX_BATCH messages, in offset order per partition) and the batch is held
 * (GROCER_KAFKA_HOLD), so nothing more comes until it is done. Its raw values go to PostgreSQL as
 * one text[] parameter of `SELECT ... FROM inventory_apply_all($1::text[])` (PostgreSQL parses
 * the JSON; there is no JSON parser here): one transaction, one commit, however many messages,
 * which is what keeps up with a burst when every commit waits for its WAL flush (synchronous
 * commit on). A lone message goes as `inventory_apply($1::jsonb)`. While a batch is applied the
 * next one gathers in librdkafka's queue, so the batch size follows the load by itself.
 *
 * When the statement has succeeded the batch is done: its offsets are stored and librdkafka
 * commits them within seconds. If it fails with a data exception (SQLSTATE class 22: not JSON, a
 * field missing or of the wrong type; class 23 too), nothing of it was applied, and the batch is
 * applied again one message at a time, where the bad message alone fails, is logged, counted and
 * skipped. A deadlock or serialization failure (class 40: a checkout locking the same stock rows)
 * rolled it all back too, and the same statement goes again at once. Any other failure (the
 * connection lost, PostgreSQL restarting, the migration not applied yet) keeps the batch held:
 * the connection is closed and opened again with a backoff from 100 ms to 5 s, and the statement
 * that failed is sent again, so consuming pauses while PostgreSQL is away. Offsets are stored only after the work committed, so a crash means the
 * messages come again (at least once), and the event id rows make the second time a no-op: an
 * exactly-once effect. The group holds every partition with one worker or another, and each
 * worker applies its partitions' messages strictly in offset order, so per key (STORE:SKU, one
 * partition) in the order they were produced.
 *
 * A worker that holds one batch longer than librdkafka's max.poll.interval.ms (5 minutes:
 * PostgreSQL down that long) leaves the group; its partitions go to another worker, which starts
 * at the last commit, and it rejoins once it serves again. The held batch is then applied by
 * both, once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>
#include "inventory.h"
#include "kafka.h"
#include "log.h"
#include "metrics.h"
#include "pgconn.h"

#define MAX_BATCH 500             /* messages in one statement */

static const char APPLY_SQL[] = "SELECT outcome, on_hand, shortfall FROM inventory_apply($1::jsonb)";
static const char APPLY_ALL_SQL[] = "SELECT outcome, on_hand, shortfall FROM inventory_apply_all($1::text[])";

/* how the held batch goes: all in one statement, or (after a data error) one message at a time */
enum { M_ALL, M_EACH };
/* what the statement in flight came to: done; all again one at a time (a malformed message); the
 * same again on this connection (a deadlock or serialization failure); again after reconnecting */
enum { R_NONE, R_DONE, R_EACH, R_AGAIN, R_RETRY };

struct grocer_inventory_s {
    grocer_pgconn_t conn;
    grocer_kafka_t *kafka;        /* the consumer, owned */
    int stopping;
    int failing;                  /* the database failed: log the recovery */
    /* the batch held */
    const grocer_kafka_message_t *msgs;   /* the consumer's, valid while held */
    int nmsgs;                    /* 0: none held */
    int mode;
    int next;                     /* M_EACH: the message the statement in flight applies */
    int in_flight, result;
    char *param;                  /* the statement's parameter */
    grocer_inventory_stats_t *stats;   /* the worker's metrics slot, or own_stats */
    grocer_inventory_stats_t own_stats;
    grocer_inventory_stats_t counted;  /* the statement in flight's outcomes, added once it is over */
};

/* ---- the connection (pgconn.c) ---- */

/* The connection is gone: the statement in flight is sent again once it is back. */
static void on_close(void *arg)
{
    grocer_inventory_t *inv = arg;
    inv->failing = 1;
    if (inv->in_flight) inv->stats->retries++;
    inv->in_flight = 0;
    inv->result = R_NONE;
}

/* ---- the batch ---- */

static void one_line(char *s)
{
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\t') *p = ' ';
}

/* The held batch is done (applied, duplicates, or skipped): let the consumer go on. */
static void release(grocer_inventory_t *inv)
{
    free(inv->param);
    inv->param = NULL;
    inv->msgs = NULL;
    inv->nmsgs = 0;
    inv->result = R_NONE;
    grocer_kafka_consumer_done(inv->kafka);
}

/* A message's key for the log: "(none)" or up to 100 bytes of it. */
static void key_text(const grocer_kafka_message_t *m, char *out, size_t cap)
{
    if (!m->key) {
        snprintf(out, cap, "(none)");
        return;
    }
    snprintf(out, cap, "%.*s", (int)(m->key_len > 100 ? 100 : m->key_len), m->key);
}

/* PostgreSQL's text[] input form of the batch's values: {"v1","v2",...}, with " and \ escaped.
 * A value holding a NUL byte ends the literal early, which PostgreSQL refuses as malformed (class
 * 22): the batch then goes one message at a time and that message is skipped. */
static char *array_literal(const grocer_kafka_message_t *msgs, int n)
{
    size_t cap = 3;
    for (int i = 0; i < n; i++) cap += 3 + 2 * msgs[i].value_len;
    char *out = malloc(cap), *p = out;
    if (!out) return NULL;
    *p++ = '{';
    for (int i = 0; i < n; i++) {
        if (i) *p++ = ',';
        *p++ = '"';
        for (size_t j = 0; j < msgs[i].value_len; j++) {
            char c = msgs[i].value[j];
            if (c == '"' || c == '\\') *p++ = '\\';
            *p++ = c;
        }
        *p++ = '"';
    }
    *p++ = '}';
    *p = '\0';
    return out;
}

/* Sends the statement for the held batch: all of it, or message inv->next. */
static int send_apply(grocer_inventory_t *inv)
{
    free(inv->param);
    const char *sql;
    if (inv->mode == M_ALL) {
        inv->param = array_literal(inv->msgs, inv->nmsgs);
        sql = APPLY_ALL_SQL;
    } else {
        const grocer_kafka_message_t *m = &inv->msgs[inv->next];
        inv->param = malloc(m->value_len + 1);
        if (inv->param) {
            memcpy(inv->param, m->value, m->value_len);
            inv->param[m->value_len] = '\0';
        }
        sql = APPLY_SQL;
    }
    if (!inv->param) return -1;
    const char *params[1] = {inv->param};
    if (!PQsendQueryParams(grocer_pgconn_pg(&inv->conn), sql, 1, NULL, params, NULL, NULL, 0)) return -1;
    inv->in_flight = 1;
    inv->result = R_NONE;
    memset(&inv->counted, 0, sizeof inv->counted);
    grocer_pgconn_flush(&inv->conn);
    return 0;
}

/* What row `row` of the result did to message m: logged and counted. */
static void count_outcome(grocer_inventory_t *inv, const grocer_kafka_message_t *m, PGresult *res, int row)
{
    char key[128];
    key_text(m, key, sizeof key);
    const char *outcome = PQgetvalue(res, row, 0);
    if (!strcmp(outcome, "applied")) {
        inv->counted.applied++;
        long shortfall = strtol(PQgetvalue(res, row, 2), NULL, 10);
        if (shortfall > 0) {
            inv->counted.shortfalls++;
            grocer_log(GROCER_LOG_WARN, "inventory", "%s: adjustment at partition %d offset %lld goes %ld below "
                       "zero; on_hand stops at 0", key, (int)m->partition, (long long)m->offset, shortfall);
        }
    } else if (!strcmp(outcome, "duplicate")) {
        inv->counted.duplicates++;
        grocer_log(GROCER_LOG_DEBUG, "inventory", "%s: partition %d offset %lld was applied before (same id)",
                   key, (int)m->partition, (long long)m->offset);
    } else {
        inv->counted.skipped++;
        grocer_log(GROCER_LOG_WARN, "inventory", "skipped message at %s partition %d offset %lld (key %s): %s",
                   GROCER_INVENTORY_TOPIC, (int)m->partition, (long long)m->offset, key,
                   outcome[0] ? outcome : "no outcome");
    }
}

/* The statement's result: what it did, logged and counted. */
static void on_result(grocer_inventory_t *inv, PGresult *res)
{
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_TUPLES_OK) {
        const char *code = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        char msg[512];
        snprintf(msg, sizeof msg, "%s", PQresultErrorMessage(res));
        one_line(msg);
        if (code && !strncmp(code, "40", 2)) {   /* deadlock, serialization: nothing was applied */
            grocer_log(GROCER_LOG_WARN, "inventory", "%s (SQLSTATE %s); sending the statement again", msg, code);
            inv->stats->retries++;
            inv->result = R_AGAIN;
            return;
        }
        if (code && (!strncmp(code, "22", 2) || !strncmp(code, "23", 2))) {
            if (inv->mode == M_ALL) {
                /* nothing of the batch was applied: again, one at a time, to find the bad one */
                grocer_log(GROCER_LOG_DEBUG, "inventory", "a batch of %d failed (%s); one message at a time",
                           inv->nmsgs, msg);
                inv->result = R_EACH;
                return;
            }
            const grocer_kafka_message_t *m = &inv->msgs[inv->next];
            char key[128];
            key_text(m, key, sizeof key);
            inv->counted.skipped++;
            grocer_log(GROCER_LOG_WARN, "inventory", "skipped malformed message at %s partition %d offset %lld"
                       " (key %s): %s", GROCER_INVENTORY_TOPIC, (int)m->partition, (long long)m->offset, key, msg);
            inv->result = R_DONE;
        } else {
            const grocer_kafka_message_t *m = &inv->msgs[inv->mode == M_ALL ? 0 : inv->next];
            grocer_log(GROCER_LOG_ERROR, "inventory", "partition %d offset %lld%s: %s (SQLSTATE %s); retrying",
                       (int)m->partition, (long long)m->offset, inv->mode == M_ALL && inv->nmsgs > 1 ? " and on" : "",
                       msg, code ? code : "none");
            inv->result = R_RETRY;
        }
        return;
    }
    inv->result = R_DONE;
    if (inv->failing) {
        inv->failing = 0;
        grocer_log(GROCER_LOG_INFO, "inventory", "the database answers again; consuming resumes");
    }
    grocer_pgconn_ok(&inv->conn);
    int first = inv->mode == M_ALL ? 0 : inv->next;
    int want = inv->mode == M_ALL ? inv->nmsgs : 1;
    int rows = PQntuples(res);
    for (int i = 0; i < want; i++) {
        if (i < rows) {
            count_outcome(inv, &inv->msgs[first + i], res, i);
        } else {
            inv->counted.skipped++;
            grocer_log(GROCER_LOG_ERROR, "inventory", "no outcome for partition %d offset %lld",
                       (int)inv->msgs[first + i].partition, (long long)inv->msgs[first + i].offset);
        }
    }
    inv->counted.batches++;
}

/* The statement is over: what comes next for the batch. Returns 0 to go on, -1 when the batch is
 * done or the connection has to go. */
static int after_statement(grocer_inventory_t *inv)
{
    inv->in_flight = 0;
    switch (inv->result) {
    case R_DONE:
        inv->stats->applied += inv->counted.applied;
        inv->stats->duplicates += inv->counted.duplicates;
        inv->stats->skipped += inv->counted.skipped;
        inv->stats->shortfalls += inv->counted.shortfalls;
        inv->stats->batches += inv->counted.batches;
        if (inv->mode == M_EACH && ++inv->next < inv->nmsgs) return 0;
        release(inv);
        return -1;   /* the consumer serves the next batch on a later loop turn */
    case R_EACH:
        inv->mode = M_EACH;
        inv->next = 0;
        return 0;
    case R_AGAIN:
        return 0;
    default:
        grocer_pgconn_fail(&inv->conn, "statement failed", 0);
        return -1;
    }
}

/* Everything done on the connection, once it is up: send the held batch's statement, read its
 * result. Also run when the consumer hands over a batch. */
static void step(void *arg)
{
    grocer_inventory_t *inv = arg;
    if (!grocer_pgconn_up(&inv->conn)) return;
    PGconn *pg = grocer_pgconn_pg(&inv->conn);
    for (;;) {
        if (!inv->in_flight) {
            if (!inv->nmsgs) return;
            if (send_apply(inv) < 0) {
                grocer_pgconn_fail(&inv->conn, "cannot send", 0);
                return;
            }
        }
        if (PQisBusy(pg)) return;
        PGresult *res = PQgetResult(pg);
        if (res) {
            on_result(inv, res);
            PQclear(res);
            continue;
        }
        if (after_statement(inv) < 0) return;
    }
}

/* ---- the consumer ---- */

static int on_batch(void *arg, const grocer_kafka_message_t *msgs, int n)
{
    grocer_inventory_t *inv = arg;
    inv->msgs = msgs;
    inv->nmsgs = n;
    inv->mode = n > 1 ? M_ALL : M_EACH;
    inv->next = 0;
    step(inv);
    return GROCER_KAFKA_HOLD;
}

static const grocer_pgconn_opts_t PG_OPTS = {
    .application_name = "grocer-inventory", .log_tag = "inventory", .fail_note = "consuming pauses, reconnecting",
    .backoff_min_ms = 100, .backoff_max_ms = 5000, .on_step = step, .on_close = on_close,
};

/* ---- the worker's interface ---- */

grocer_inventory_t *grocer_inventory_start(uv_loop_t *loop, const grocer_config_t *cfg,
                                           grocer_inventory_stats_t *stats)
{
    if (!grocer_kafka_enabled(cfg) || !cfg->database_url[0]) return NULL;
    grocer_inventory_t *inv = calloc(1, sizeof *inv);
    if (!inv) return NULL;
    inv->stats = stats ? stats : &inv->own_stats;
    char err[512];
    const char *topics[] = {GROCER_INVENTORY_TOPIC};
    inv->kafka = grocer_kafka_consumer_start(loop, cfg, GROCER_INVENTORY_GROUP, topics, 1, MAX_BATCH, on_batch, inv,
                                             err, sizeof err);
    if (!inv->kafka) {
        grocer_log(GROCER_LOG_ERROR, "inventory", "%s; inventory adjustments are not consumed", err);
        free(inv);
        return NULL;
    }
    grocer_pgconn_start(&inv->conn, loop, cfg->database_url, &PG_OPTS, inv);
    return inv;
}

void grocer_inventory_stop(grocer_inventory_t *inv)
{
    if (!inv || inv->stopping) return;
    inv->stopping = 1;
    grocer_kafka_stop(inv->kafka);
    grocer_pgconn_stop(&inv->conn);
}

void grocer_inventory_free(grocer_inventory_t *inv)
{
    if (!inv) return;
    grocer_kafka_free(inv->kafka, 0);   /* commits what was applied; a held batch is consumed again later */
    free(inv->param);
    free(inv);
}
