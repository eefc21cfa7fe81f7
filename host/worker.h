/* worker.h: one worker process: its libuv loop, listener, open connections, Lua runtime and
 * static files. Exactly one per process, reachable as grocer_worker. Runs on the loop thread. */
#ifndef GROCER_WORKER_H
#define GROCER_WORKER_H

#include <stdint.h>
#include <uv.h>
#include "config.h"

typedef struct grocer_conn_s grocer_conn_t;
typedef struct grocer_runtime_s grocer_runtime_t;
typedef struct grocer_static_s grocer_static_t;
typedef struct grocer_pg_pool_s grocer_pg_pool_t;

typedef struct grocer_worker_s {
    uv_loop_t *loop;
    int id;                         /* slot 0..N-1, stable across restarts */
    const grocer_config_t *cfg;
    uv_tcp_t listener;
    int listening;
    uv_signal_t sig_term, sig_int, sig_hup;
    uv_timer_t tick;                /* heartbeat, gauges, drain progress */
    uv_check_t flush_check;         /* writes the buffered access log once per loop turn */
    grocer_static_t *statics;
    grocer_runtime_t *rt;
    grocer_pg_pool_t *pg;           /* NULL without a database */
    struct grocer_catalog_feed_s *catalog; /* the read model's feed; NULL without a database */
    struct grocer_kafka_s *kafka;   /* the Kafka producer; NULL without KAFKA_BROKERS */
    struct grocer_relay_s *relay;   /* the outbox relay; NULL without Kafka or a database */
    struct grocer_inventory_s *inventory; /* inventory in (Kafka consumer); NULL without Kafka or a database */
    struct grocer_subscriptions_s *subscriptions; /* the app's Kafka handlers; NULL without Kafka or any */
    grocer_conn_t *conns;           /* every open connection (drain walks it) */
    uint64_t nconns;
    uint64_t inflight;
    int draining;
    uint64_t reload_seq;            /* the master's request being built; 0: none */
    int reload_again;               /* another request came in meanwhile */
    uint64_t drain_deadline_ms;
    char date[40];                  /* "Date: ...\r\n", refreshed once a second */
    size_t date_len;
    int64_t date_sec;
    char *alog;                     /* access log lines not yet written */
    size_t alog_len, alog_cap;
    uint64_t req_counter;
    char id_prefix[12];
} grocer_worker_t;

extern grocer_worker_t *grocer_worker;

/* Runs a worker until it has drained; returns the process exit status. */
int grocer_worker_main(const grocer_config_t *cfg, int id);

/* Starts draining: stop accepting, close idle connections, finish in-flight ones. */
void grocer_worker_drain(grocer_worker_t *w);

/* Appends raw text to the access log buffer (flushed once per loop turn). */
void grocer__worker_log_append(grocer_worker_t *w, const char *s, size_t len);

#endif
