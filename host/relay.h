/* relay.h: the outbox relay: publishes the rows of the `outbox` table to Kafka, in id order, and
 * stamps sent_at once the broker has acknowledged them (at least once, in order per key). Every
 * worker starts one when Kafka and a database are configured; only the one holding the advisory
 * lock GROCER_RELAY_LOCK_KEY (a session lock on the relay's own PostgreSQL connection) publishes,
 * across every worker and pod of the installation; the others try for the lock every few
 * seconds, so when the holder dies its connection closes, the lock goes and another takes over.
 * Runs on the worker's loop, never blocks it. */
#ifndef GROCER_RELAY_H
#define GROCER_RELAY_H

#include <stdint.h>
#include <uv.h>
#include "kafka.h"

/* pg_try_advisory_lock(113741192717682): the bytes of "grocer" as a bigint. Nothing else in the
 * schema takes a session advisory lock on this key. */
#define GROCER_RELAY_LOCK_KEY 113741192717682

typedef struct grocer_relay_s grocer_relay_t;

typedef struct grocer_relay_stats_s {
    int leader;                 /* this worker holds the lock and publishes */
    uint64_t published;         /* rows acknowledged by the broker and marked sent */
    uint64_t failed;            /* deliveries that failed (the rows are published again) */
    uint64_t unknown;           /* unsent rows of a type no topic takes, at the last count */
    uint64_t pruned;            /* sent rows older than 7 days deleted */
    uint64_t unsent;            /* unsent rows at the last count (every 5 s while leading) */
    uint64_t oldest_unsent_ms;  /* age of the oldest of them then; 0: none */
} grocer_relay_stats_t;

/* Starts the relay against conninfo, publishing through the producer k (which it does not own)
 * and counting into *stats (the worker's metrics slot). NULL when conninfo is empty or k is NULL. */
grocer_relay_t *grocer_relay_start(uv_loop_t *loop, const char *conninfo, grocer_kafka_t *k,
                                   grocer_relay_stats_t *stats);
/* Stops it: closes its connection (releasing the lock) and handles. A batch still in flight stays
 * unsent in the outbox and is published again by the next holder. Call before stopping k. */
void grocer_relay_stop(grocer_relay_t *r);
/* After the loop has ended: frees it. NULL is fine. */
void grocer_relay_free(grocer_relay_t *r);

#endif
