/* inventory.c: inventory in (see inventory.h): a Kafka consumer (kafka.c) and one PostgreSQL
 * connection of its own, non-blocking on the worker's loop (uv_poll on the libpq socket, reconnect
 * with backoff, as relay.c). The rules of a message (dedupe by id, set or delta, stop at 0, the
 * missing stock row) live in SQL, in inventory_apply() (migrations/0003_inventory_events.sql).
 *
 * DESIGN: one message at a time. The consumer's callback copies the message, sends
 * `SELECT ... FROM inventory_apply($1::jsonb)` with the raw value as the parameter (PostgreSQL
 * parses the JSON; there is no JSON parser here) and holds the message (GROCER_KAFKA_HOLD), so
 * the consumer hands out nothing more. When the statement has succeeded, or failed with a data
 * exception (SQLSTATE class 22: not JSON, a field missing or of the wrong type; class 23 too),
 * the message is done: its offset is stored and librdkafka commits it within seconds; the next
 * message is then served. Any other failure (the connection lost, PostgreSQL restarting, the
 * migration not applied yet) keeps the message held: the connection is closed and opened again
 * with a backoff from 100 ms to 5 s, and the same statement is sent again, so consuming pauses
 * while PostgreSQL is away. Offsets are stored only after the work committed, so a crash means
 * the message comes again (at least once), and the event id row makes the second time a no-op:
 * an exactly-once effect. The group holds every partition with one worker or another, and each
 * worker applies its partitions' messages strictly in offset order, so per key (STORE:SKU, one
 * partition) in the order they were produced.
 *
 * A worker that holds one message longer than librdkafka's max.poll.interval.ms (5 minutes:
 * PostgreSQL down that long) leaves the group; its partitions go to another worker, which starts
 * at the last commit, and it rejoins once it serves again. The held message is then applied by
 * both, once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>
#include "inventory.h"
#include "kafka.h"
#include "log.h"
#include "metrics.h"

#define BACKOFF_MIN_MS 100
#define BACKOFF_MAX_MS 5000

static const char APPLY_SQL[] = "SELECT outcome, on_hand, shortfall FROM inventory_apply($1::jsonb)";

enum { S_DOWN, S_CONNECTING, S_UP };
enum { R_NONE, R_DONE, R_RETRY };

struct grocer_inventory_s {
    uv_loop_t *loop;
    char conninfo[1024];
    grocer_kafka_t *kafka;        /* the consumer, owned */
    PGconn *pg;
    uv_poll_t *poll;
    int poll_fd, poll_events;
    uv_timer_t retry;             /* reconnect backoff */
    int state;
    int backoff_ms;
    int stopping;
    int failing;                  /* the database failed: log the recovery */
    /* the message held */
    int have, in_flight, result;
    char *value;                  /* NUL-terminated copy of the message value */
    char key[128];                /* for the log */
    int32_t partition;
    int64_t offset;
    grocer_inventory_stats_t stats;
};

static void step(grocer_inventory_t *inv);
static void watch(grocer_inventory_t *inv, int events);

/* ---- the connection (as relay.c) ---- */

static void free_handle(uv_handle_t *h)
{
    free(h);
}

static void no_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static void close_poll(grocer_inventory_t *inv)
{
    if (!inv->poll) return;
    uv_poll_stop(inv->poll);
    uv_close((uv_handle_t *)inv->poll, free_handle);
    inv->poll = NULL;
}

static void close_conn(grocer_inventory_t *inv)
{
    close_poll(inv);
    if (inv->pg) PQfinish(inv->pg);
    inv->pg = NULL;
    inv->state = S_DOWN;
    if (inv->in_flight) inv->stats.retries++;   /* sent again after reconnecting */
    inv->in_flight = 0;
    inv->result = R_NONE;
}

static void on_retry(uv_timer_t *t)
{
    step(t->data);
}

static void one_line(char *s)
{
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\t') *p = ' ';
}

static void fail(grocer_inventory_t *inv, const char *what)
{
    if (inv->state == S_UP || inv->backoff_ms == BACKOFF_MIN_MS) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", inv->pg ? PQerrorMessage(inv->pg) : "no connection");
        one_line(msg);
        grocer_log(GROCER_LOG_ERROR, "inventory", "%s: %s; consuming pauses, reconnecting", what, msg);
    }
    inv->failing = 1;
    close_conn(inv);
    if (inv->stopping) return;
    uv_timer_start(&inv->retry, on_retry, (uint64_t)inv->backoff_ms, 0);
    inv->backoff_ms = inv->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : inv->backoff_ms * 2;
}

static void on_poll(uv_poll_t *h, int status, int events)
{
    grocer_inventory_t *inv = h->data;
    if (status < 0) {
        fail(inv, "socket error");
        return;
    }
    if (inv->state == S_CONNECTING) {
        step(inv);
        return;
    }
    if (events & UV_WRITABLE) {
        int rc = PQflush(inv->pg);
        if (rc < 0) {
            fail(inv, "send failed");
            return;
        }
        watch(inv, rc ? UV_READABLE | UV_WRITABLE : UV_READABLE);
    }
    if (events & UV_READABLE) {
        if (!PQconsumeInput(inv->pg)) {
            fail(inv, "connection lost");
            return;
        }
        step(inv);
    }
}

static void watch(grocer_inventory_t *inv, int events)
{
    int fd = PQsocket(inv->pg);
    if (inv->poll && inv->poll_fd != fd) close_poll(inv);
    if (!inv->poll) {
        inv->poll = malloc(sizeof *inv->poll);
        if (!inv->poll || uv_poll_init(inv->loop, inv->poll, fd) < 0) {
            free(inv->poll);
            inv->poll = NULL;
            return;
        }
        inv->poll->data = inv;
        inv->poll_fd = fd;
        inv->poll_events = 0;
    }
    if (events != inv->poll_events) {
        uv_poll_start(inv->poll, events, on_poll);
        inv->poll_events = events;
    }
}

static void start_connect(grocer_inventory_t *inv)
{
    const char *keys[] = {"dbname", "application_name", "gssencmode", NULL};
    const char *vals[] = {inv->conninfo, "grocer-inventory", "disable", NULL};
    inv->pg = PQconnectStartParams(keys, vals, 1);
    if (!inv->pg || PQstatus(inv->pg) == CONNECTION_BAD) {
        fail(inv, "cannot connect");
        return;
    }
    PQsetnonblocking(inv->pg, 1);
    PQsetNoticeProcessor(inv->pg, no_notice, NULL);
    inv->state = S_CONNECTING;
    watch(inv, UV_WRITABLE);
}

static void drive_connect(grocer_inventory_t *inv)
{
    switch (PQconnectPoll(inv->pg)) {
    case PGRES_POLLING_READING: watch(inv, UV_READABLE); return;
    case PGRES_POLLING_WRITING: watch(inv, UV_WRITABLE); return;
    case PGRES_POLLING_OK:
        inv->state = S_UP;   /* the backoff resets once a statement has worked */
        watch(inv, UV_READABLE);
        return;
    default: fail(inv, "cannot connect"); return;
    }
}

/* ---- one message ---- */

/* The held message is done (applied, a duplicate, or skipped): let the consumer go on. */
static void release(grocer_inventory_t *inv)
{
    free(inv->value);
    inv->value = NULL;
    inv->have = 0;
    inv->result = R_NONE;
    grocer_kafka_consumer_done(inv->kafka);
}

static int send_apply(grocer_inventory_t *inv)
{
    const char *params[1] = {inv->value};
    if (!PQsendQueryParams(inv->pg, APPLY_SQL, 1, NULL, params, NULL, NULL, 0)) return -1;
    inv->in_flight = 1;
    inv->result = R_NONE;
    watch(inv, PQflush(inv->pg) ? UV_READABLE | UV_WRITABLE : UV_READABLE);
    return 0;
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
        if (code && (!strncmp(code, "22", 2) || !strncmp(code, "23", 2))) {
            inv->stats.skipped++;
            grocer_log(GROCER_LOG_WARN, "inventory", "skipped malformed message at %s partition %d offset %lld"
                       " (key %s): %s", GROCER_INVENTORY_TOPIC, (int)inv->partition, (long long)inv->offset,
                       inv->key, msg);
            inv->result = R_DONE;
        } else {
            grocer_log(GROCER_LOG_ERROR, "inventory", "partition %d offset %lld: %s (SQLSTATE %s); retrying",
                       (int)inv->partition, (long long)inv->offset, msg, code ? code : "none");
            inv->result = R_RETRY;
        }
        return;
    }
    inv->result = R_DONE;
    if (inv->failing) {
        inv->failing = 0;
        grocer_log(GROCER_LOG_INFO, "inventory", "the database answers again; consuming resumes");
    }
    inv->backoff_ms = BACKOFF_MIN_MS;
    const char *outcome = PQntuples(res) == 1 ? PQgetvalue(res, 0, 0) : "";
    if (!strcmp(outcome, "applied")) {
        inv->stats.applied++;
        long shortfall = strtol(PQgetvalue(res, 0, 2), NULL, 10);
        if (shortfall > 0) {
            inv->stats.shortfalls++;
            grocer_log(GROCER_LOG_WARN, "inventory", "%s: adjustment at partition %d offset %lld goes %ld below "
                       "zero; on_hand stops at 0", inv->key, (int)inv->partition, (long long)inv->offset, shortfall);
        }
    } else if (!strcmp(outcome, "duplicate")) {
        inv->stats.duplicates++;
        grocer_log(GROCER_LOG_DEBUG, "inventory", "%s: partition %d offset %lld was applied before (same id)",
                   inv->key, (int)inv->partition, (long long)inv->offset);
    } else {
        inv->stats.skipped++;
        grocer_log(GROCER_LOG_WARN, "inventory", "skipped message at %s partition %d offset %lld (key %s): %s",
                   GROCER_INVENTORY_TOPIC, (int)inv->partition, (long long)inv->offset, inv->key,
                   outcome[0] ? outcome : "no outcome");
    }
}

static void step(grocer_inventory_t *inv)
{
    if (inv->stopping) return;
    if (inv->state == S_DOWN) {
        if (!uv_is_active((uv_handle_t *)&inv->retry)) start_connect(inv);
        return;
    }
    if (inv->state == S_CONNECTING) {
        drive_connect(inv);
        if (inv->state != S_UP) return;
    }
    for (;;) {
        if (!inv->in_flight) {
            if (!inv->have) return;
            if (send_apply(inv) < 0) {
                fail(inv, "cannot send");
                return;
            }
        }
        if (PQisBusy(inv->pg)) return;
        PGresult *res = PQgetResult(inv->pg);
        if (res) {
            on_result(inv, res);
            PQclear(res);
            continue;
        }
        /* the statement is over */
        inv->in_flight = 0;
        if (inv->result == R_DONE) {
            release(inv);
            return;   /* the consumer serves the next one on a later loop turn */
        }
        fail(inv, "statement failed");
        return;
    }
}

/* ---- the consumer ---- */

static int on_message(void *arg, const char *topic, int32_t partition, int64_t offset, const char *key,
                      size_t key_len, const char *value, size_t value_len)
{
    (void)topic;
    grocer_inventory_t *inv = arg;
    char *copy = malloc(value_len + 1);
    if (!copy) {
        grocer_log(GROCER_LOG_ERROR, "inventory", "out of memory at partition %d offset %lld; skipped",
                   (int)partition, (long long)offset);
        return 0;
    }
    if (value_len) memcpy(copy, value, value_len);
    copy[value_len] = '\0';
    inv->value = copy;
    inv->have = 1;
    inv->partition = partition;
    inv->offset = offset;
    size_t n = key ? key_len : 0;
    if (n >= sizeof inv->key) n = sizeof inv->key - 1;
    if (n) memcpy(inv->key, key, n);
    inv->key[n] = '\0';
    if (!key) snprintf(inv->key, sizeof inv->key, "(none)");
    step(inv);
    return GROCER_KAFKA_HOLD;
}

/* ---- the worker's interface ---- */

grocer_inventory_t *grocer_inventory_start(uv_loop_t *loop, const grocer_config_t *cfg)
{
    if (!grocer_kafka_enabled(cfg) || !cfg->database_url[0]) return NULL;
    grocer_inventory_t *inv = calloc(1, sizeof *inv);
    if (!inv) return NULL;
    inv->loop = loop;
    snprintf(inv->conninfo, sizeof inv->conninfo, "%s", cfg->database_url);
    inv->backoff_ms = BACKOFF_MIN_MS;
    char err[512];
    const char *topics[] = {GROCER_INVENTORY_TOPIC};
    inv->kafka = grocer_kafka_consumer_start(loop, cfg, GROCER_INVENTORY_GROUP, topics, 1, on_message, inv, err,
                                             sizeof err);
    if (!inv->kafka) {
        grocer_log(GROCER_LOG_ERROR, "inventory", "%s; inventory adjustments are not consumed", err);
        free(inv);
        return NULL;
    }
    uv_timer_init(loop, &inv->retry);
    inv->retry.data = inv;
    step(inv);
    return inv;
}

void grocer_inventory_stop(grocer_inventory_t *inv)
{
    if (!inv || inv->stopping) return;
    inv->stopping = 1;
    grocer_kafka_stop(inv->kafka);
    uv_timer_stop(&inv->retry);
    uv_close((uv_handle_t *)&inv->retry, NULL);
    close_conn(inv);
}

void grocer_inventory_free(grocer_inventory_t *inv)
{
    if (!inv) return;
    grocer_kafka_free(inv->kafka, 0);   /* commits what was applied; a held message is consumed again later */
    free(inv->value);
    free(inv);
}
