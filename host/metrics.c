/* metrics.c: the shared counters (see metrics.h) and their Prometheus rendering. Written by
 * each worker on its loop thread, by the master for restarts; rendered by whichever worker
 * answers GET /metrics. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "hash.h"
#include "metrics.h"

grocer_shm_t *grocer_shm;

/* Upper bounds of the latency histogram, in microseconds. */
static const uint64_t bucket_us[GROCER_LATENCY_BUCKETS] = {
    100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000,
    250000, 500000, 1000000, 2500000, 5000000, 10000000};

uint64_t grocer_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int grocer_metrics_init(int nworkers)
{
    void *p = mmap(NULL, sizeof(grocer_shm_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return -1;
    grocer_shm = p;
    grocer_shm->nworkers = nworkers;
    return 0;
}

static uint32_t route_hash(const char *s, size_t len, int status)
{
    uint64_t h64 = (grocer_hash(s, len) ^ (uint64_t)status) * 0x100000001b3ull;
    uint32_t h = (uint32_t)(h64 ^ (h64 >> 32));
    return h ? h : 1;
}

void grocer_metrics_request(int worker, const char *route, size_t route_len, int status, uint64_t duration_us)
{
    if (!grocer_shm) return;
    grocer_worker_slot_t *w = &grocer_shm->workers[worker];
    int b = 0;
    while (b < GROCER_LATENCY_BUCKETS && duration_us > bucket_us[b]) b++;
    w->latency_buckets[b]++;
    w->latency_count++;
    w->latency_sum_us += duration_us;

    if (route_len >= GROCER_ROUTE_NAME_MAX) route_len = GROCER_ROUTE_NAME_MAX - 1;
    uint32_t h = route_hash(route, route_len, status);
    for (uint32_t i = 0; i < GROCER_METRIC_ROUTES; i++) {
        grocer_route_count_t *rc = &w->routes[(h + i) % GROCER_METRIC_ROUTES];
        if (rc->hash == 0) {
            memcpy(rc->route, route, route_len);
            rc->route[route_len] = '\0';
            rc->status = (uint16_t)status;
            rc->hash = h;
        }
        if (rc->hash == h && rc->status == status && strncmp(rc->route, route, route_len) == 0 &&
            rc->route[route_len] == '\0') {
            rc->count++;
            return;
        }
    }
    /* Table full: the request is still in the histogram, not in the per-route count. */
}

/* ---- rendering ---- */

typedef struct buf_s {
    char *p;
    size_t len, cap;
} buf_t;

static void bprintf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(buf_t *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        size_t cap = b->cap * 2 + (n > 0 ? (size_t)n : 0);
        char *np = realloc(b->p, cap);
        if (!np) return;
        b->p = np;
        b->cap = cap;
    }
}

/* Label values are route patterns from our own code; escape them anyway. */
static void label_value(buf_t *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') bprintf(b, "\\%c", *s);
        else if (*s == '\n') bprintf(b, "\\n");
        else bprintf(b, "%c", *s);
    }
}

static int live(const grocer_worker_slot_t *w) { return w->pid != 0; }

static void counter(buf_t *b, const char *name, const char *help, uint64_t v)
{
    bprintf(b, "# HELP %s %s\n# TYPE %s counter\n%s %llu\n", name, help, name, name, (unsigned long long)v);
}

/* Kafka: the inventory consumers' counts summed over the workers (a replaced worker goes on from
 * its slot's), the outbox as the relay that publishes it last saw it. */
static void render_kafka(buf_t *b, int n)
{
    grocer_inventory_stats_t in = {0};
    uint64_t published = 0, failed = 0, handled = 0, handler_failed = 0;
    const grocer_relay_stats_t *leader = NULL;
    for (int i = 0; i < n; i++) {
        const grocer_worker_slot_t *w = &grocer_shm->workers[i];
        in.applied += w->inventory.applied;
        in.duplicates += w->inventory.duplicates;
        in.skipped += w->inventory.skipped;
        in.shortfalls += w->inventory.shortfalls;
        in.retries += w->inventory.retries;
        in.batches += w->inventory.batches;
        handled += w->subscriptions.handled;
        handler_failed += w->subscriptions.failed;
        published += w->relay.published;
        failed += w->relay.failed;
        if (live(w) && w->relay.leader) leader = &w->relay;
    }
    bprintf(b, "# HELP grocer_inventory_messages_total Inventory adjustments consumed, by outcome.\n"
               "# TYPE grocer_inventory_messages_total counter\n"
               "grocer_inventory_messages_total{outcome=\"applied\"} %llu\n"
               "grocer_inventory_messages_total{outcome=\"duplicate\"} %llu\n"
               "grocer_inventory_messages_total{outcome=\"skipped\"} %llu\n",
            (unsigned long long)in.applied, (unsigned long long)in.duplicates, (unsigned long long)in.skipped);
    counter(b, "grocer_inventory_shortfalls_total", "Adjustments that would have taken stock below zero.",
            in.shortfalls);
    counter(b, "grocer_inventory_statements_total", "Statements that applied inventory adjustments (a batch each).",
            in.batches);
    counter(b, "grocer_inventory_retries_total", "Statements sent again after a database failure.", in.retries);
    bprintf(b, "# HELP grocer_kafka_handler_messages_total Messages handed to the app's Lua handlers, by outcome.\n"
               "# TYPE grocer_kafka_handler_messages_total counter\n"
               "grocer_kafka_handler_messages_total{outcome=\"handled\"} %llu\n"
               "grocer_kafka_handler_messages_total{outcome=\"failed\"} %llu\n",
            (unsigned long long)handled, (unsigned long long)handler_failed);
    counter(b, "grocer_outbox_published_total", "Outbox events acknowledged by Kafka and marked sent.", published);
    counter(b, "grocer_outbox_delivery_failures_total", "Outbox deliveries that failed (published again later).",
            failed);
    if (leader) {
        bprintf(b, "# HELP grocer_outbox_unsent Outbox rows not yet published, at the relay's last count.\n"
                   "# TYPE grocer_outbox_unsent gauge\ngrocer_outbox_unsent %llu\n",
                (unsigned long long)leader->unsent);
        bprintf(b, "# HELP grocer_outbox_oldest_unsent_seconds Age of the oldest unsent outbox row then.\n"
                   "# TYPE grocer_outbox_oldest_unsent_seconds gauge\ngrocer_outbox_oldest_unsent_seconds %.3f\n",
                (double)leader->oldest_unsent_ms / 1000.0);
    }
}

char *grocer_metrics_render(size_t *len)
{
    buf_t b = {malloc(16384), 0, 16384};
    if (!b.p) return NULL;
    int n = grocer_shm->nworkers;

    bprintf(&b, "# HELP grocer_http_requests_total HTTP requests answered, by route and status.\n"
                "# TYPE grocer_http_requests_total counter\n");
    /* Merge the workers' tables: an O(workers x slots^2) scan is fine at scrape rates. */
    grocer_route_count_t *seen = calloc(GROCER_METRIC_ROUTES * (size_t)n, sizeof *seen);
    size_t nseen = 0;
    for (int i = 0; seen && i < n; i++) {
        for (int j = 0; j < GROCER_METRIC_ROUTES; j++) {
            const grocer_route_count_t *rc = &grocer_shm->workers[i].routes[j];
            if (!rc->hash) continue;
            size_t k;
            for (k = 0; k < nseen; k++)
                if (seen[k].hash == rc->hash && seen[k].status == rc->status && !strcmp(seen[k].route, rc->route))
                    break;
            if (k == nseen) seen[nseen++] = *rc;
            else seen[k].count += rc->count;
        }
    }
    for (size_t k = 0; k < nseen; k++) {
        bprintf(&b, "grocer_http_requests_total{route=\"");
        label_value(&b, seen[k].route);
        bprintf(&b, "\",status=\"%u\"} %llu\n", seen[k].status, (unsigned long long)seen[k].count);
    }
    free(seen);

    bprintf(&b, "# HELP grocer_http_request_duration_seconds Time from a request's last byte read to its response queued.\n"
                "# TYPE grocer_http_request_duration_seconds histogram\n");
    uint64_t cum = 0, count = 0, sum_us = 0;
    for (int bk = 0; bk <= GROCER_LATENCY_BUCKETS; bk++) {
        for (int i = 0; i < n; i++) cum += grocer_shm->workers[i].latency_buckets[bk];
        if (bk < GROCER_LATENCY_BUCKETS)
            bprintf(&b, "grocer_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                    (double)bucket_us[bk] / 1e6, (unsigned long long)cum);
        else
            bprintf(&b, "grocer_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", (unsigned long long)cum);
    }
    for (int i = 0; i < n; i++) {
        count += grocer_shm->workers[i].latency_count;
        sum_us += grocer_shm->workers[i].latency_sum_us;
    }
    bprintf(&b, "grocer_http_request_duration_seconds_sum %.6f\n", (double)sum_us / 1e6);
    bprintf(&b, "grocer_http_request_duration_seconds_count %llu\n", (unsigned long long)count);

    uint64_t inflight = 0, conns = 0;
    for (int i = 0; i < n; i++) {
        if (!live(&grocer_shm->workers[i])) continue;
        inflight += grocer_shm->workers[i].inflight;
        conns += grocer_shm->workers[i].connections;
    }
    bprintf(&b, "# HELP grocer_http_inflight_requests Requests being handled now.\n"
                "# TYPE grocer_http_inflight_requests gauge\ngrocer_http_inflight_requests %llu\n",
            (unsigned long long)inflight);
    bprintf(&b, "# HELP grocer_connections_open Client connections open now.\n"
                "# TYPE grocer_connections_open gauge\ngrocer_connections_open %llu\n",
            (unsigned long long)conns);
    bprintf(&b, "# HELP grocer_lua_memory_bytes Lua heap of each worker.\n# TYPE grocer_lua_memory_bytes gauge\n");
    for (int i = 0; i < n; i++)
        if (live(&grocer_shm->workers[i]))
            bprintf(&b, "grocer_lua_memory_bytes{worker=\"%d\"} %llu\n", i,
                    (unsigned long long)grocer_shm->workers[i].lua_memory);
    bprintf(&b, "# HELP grocer_generation Code generation each worker serves.\n# TYPE grocer_generation gauge\n");
    for (int i = 0; i < n; i++)
        if (live(&grocer_shm->workers[i]))
            bprintf(&b, "grocer_generation{worker=\"%d\"} %llu\n", i,
                    (unsigned long long)grocer_shm->workers[i].generation);
    counter(&b, "grocer_worker_restarts_total", "Workers replaced after a crash or a watchdog kill.",
            grocer_shm->worker_restarts);
    counter(&b, "grocer_watchdog_kills_total", "Workers killed because their loop was stuck.",
            grocer_shm->watchdog_kills);
    counter(&b, "grocer_reload_failures_total", "Reloads refused because the new code failed to load.",
            grocer_shm->reload_failures);
    render_kafka(&b, n);
    *len = b.len;
    return b.p;
}
