/* metrics.h: counters every process writes and any worker reads, in one shared anonymous
 * mapping made by the master before it forks. Each worker writes only its own slot (so no
 * locks: 64-bit stores are atomic here and a scrape may see a count one request old); the
 * master writes the process-wide counters. grocer_metrics_render prints the Prometheus text. */
#ifndef GROCER_METRICS_H
#define GROCER_METRICS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "inventory.h"
#include "relay.h"
#include "subscribe.h"

#define GROCER_MAX_WORKERS 64
#define GROCER_METRIC_ROUTES 512
#define GROCER_ROUTE_NAME_MAX 64
#define GROCER_LATENCY_BUCKETS 16
#define GROCER_RELOAD_PATH_MAX 1024
#define GROCER_RELOAD_ERROR_MAX 1024

typedef struct grocer_route_count_s {
    uint32_t hash;              /* 0: free slot */
    uint16_t status;
    char route[GROCER_ROUTE_NAME_MAX];
    uint64_t count;
} grocer_route_count_t;

typedef struct grocer_worker_slot_s {
    volatile pid_t pid;
    volatile uint64_t heartbeat_ms;     /* CLOCK_MONOTONIC ms, stamped by the worker's loop */
    volatile uint64_t lua_since_ms;     /* when the running Lua slice began; 0 when none runs */
    char lua_route[GROCER_ROUTE_NAME_MAX]; /* route of that slice, for the watchdog's log */
    volatile uint64_t inflight;
    volatile uint64_t connections;
    volatile uint64_t lua_memory;
    volatile uint64_t generation;
    volatile uint64_t started;          /* 1 once the app has loaded */
    char reload_error[GROCER_RELOAD_ERROR_MAX]; /* why reload_done_seq failed; "" when it loaded */
    volatile int reload_ok;
    volatile uint64_t reload_done_seq;  /* last reload request answered (written last) */
    uint64_t latency_buckets[GROCER_LATENCY_BUCKETS + 1];
    uint64_t latency_count;
    uint64_t latency_sum_us;
    grocer_route_count_t routes[GROCER_METRIC_ROUTES];
    /* Kafka: written by the worker's inventory consumer and, where it runs, its outbox relay.
     * They live here, not in the modules, so a replaced worker's counts go on from its slot's. */
    grocer_inventory_stats_t inventory;
    grocer_relay_stats_t relay;
    grocer_subscription_stats_t subscriptions;
} grocer_worker_slot_t;

typedef struct grocer_shm_s {
    int nworkers;
    volatile uint64_t worker_restarts;
    volatile uint64_t reload_failures;
    volatile uint64_t watchdog_kills;
    /* hot reload, written by the master (reload.c): the request workers act on at SIGHUP ... */
    volatile uint64_t reload_seq;
    volatile uint64_t reload_generation;
    char reload_dir[GROCER_RELOAD_PATH_MAX];
    /* ... and the newest generation every worker loaded, for workers started later */
    volatile uint64_t good_generation;
    char good_dir[GROCER_RELOAD_PATH_MAX];
    grocer_worker_slot_t workers[GROCER_MAX_WORKERS];
} grocer_shm_t;

/* The mapping; NULL until grocer_metrics_init (master) has run. */
extern grocer_shm_t *grocer_shm;

int grocer_metrics_init(int nworkers);

/* Counts one finished request of this worker. route is the route pattern (or a fixed name such
 * as "static" or "not_found"); duration in microseconds. */
void grocer_metrics_request(int worker, const char *route, size_t route_len, int status,
                            uint64_t duration_us);

/* Prometheus text exposition of every worker's slot; returns a malloc'ed buffer (caller frees). */
char *grocer_metrics_render(size_t *len);

uint64_t grocer_now_ms(void);

#endif
