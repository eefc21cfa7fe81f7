/* kafka.h: librdkafka on a worker's libuv loop. A grocer_kafka_t is one librdkafka handle, a
 * producer or a consumer, whose main queue wakes the loop through an eventfd (uv_poll) and is
 * served there, never blocking it: delivery reports and consumed messages are C callbacks run on
 * the loop thread. Configured from the settings table (KAFKA_BROKERS, GROCER_KAFKA_*); without
 * KAFKA_BROKERS nothing here starts. */
#ifndef GROCER_KAFKA_H
#define GROCER_KAFKA_H

#include <stddef.h>
#include <stdint.h>
#include <uv.h>
#include "config.h"

typedef struct grocer_kafka_s grocer_kafka_t;

/* A produced message's fate, on the loop: err is NULL once the broker acknowledged it (then
 * partition and offset say where it went), else why it failed for good (librdkafka has retried). */
typedef void (*grocer_kafka_delivery_fn)(void *opaque, const char *err, int32_t partition, int64_t offset);

/* A consumed message. key is NULL for a message without one; topic, key and value stay valid
 * until the batch they came in is done. */
typedef struct grocer_kafka_message_s {
    const char *topic;
    int32_t partition;
    int64_t offset;
    const char *key;
    size_t key_len;
    const char *value;
    size_t value_len;
} grocer_kafka_message_t;

/* A batch of consumed messages, on the loop: what librdkafka had fetched, up to the consumer's
 * max_batch, in offset order within each partition. Returning 0: the batch is done, its offsets
 * are stored for commit when the call returns. Returning GROCER_KAFKA_HOLD: its work is in flight;
 * the consumer hands out nothing more and stores nothing until grocer_kafka_consumer_done, and
 * the messages stay valid until then. */
typedef int (*grocer_kafka_batch_fn)(void *arg, const grocer_kafka_message_t *msgs, int n);

#define GROCER_KAFKA_HOLD 1

/* Whether Kafka is configured (cfg->kafka_brokers is not empty). */
int grocer_kafka_enabled(const grocer_config_t *cfg);

/* A producer on loop, set up for at least once, in order per key: enable.idempotence (acks=all,
 * at most 5 requests in flight, kept in order across retries), partitioner murmur2_random (the
 * Java client's partition for a key), linger.ms and compression from the settings. NULL with err
 * set when librdkafka refuses the configuration. Connecting happens in librdkafka's threads. */
grocer_kafka_t *grocer_kafka_producer_start(uv_loop_t *loop, const grocer_config_t *cfg, char *err, size_t errlen);

/* Queues one message (key may be NULL; key and value are copied). fn(opaque, ...) is called on
 * the loop exactly once, later, unless this returns -1 (err set: queue full, unknown topic, ...),
 * in which case it is never called. */
int grocer_kafka_produce(grocer_kafka_t *k, const char *topic, const char *key, size_t key_len,
                         const char *value, size_t value_len, grocer_kafka_delivery_fn fn, void *opaque,
                         char *err, size_t errlen);

/* A consumer in group on topics (ntopics names), calling fn(arg, ...) on the loop with batches
 * of up to max_batch messages, one batch at a time; offsets are stored after fn returns (or, for
 * a held batch, at grocer_kafka_consumer_done) and committed by librdkafka every few seconds. A
 * new group starts at the end of each partition. NULL with err set on a refused configuration. */
grocer_kafka_t *grocer_kafka_consumer_start(uv_loop_t *loop, const grocer_config_t *cfg, const char *group,
                                            const char *const *topics, int ntopics, int max_batch,
                                            grocer_kafka_batch_fn fn, void *arg, char *err, size_t errlen);

/* Ends the hold of the batch whose callback returned GROCER_KAFKA_HOLD: stores its offsets for
 * commit and goes on with the next batch (on a later loop turn, never inside this call). Not to
 * be called from inside the batch callback. Does nothing when no batch is held. */
void grocer_kafka_consumer_done(grocer_kafka_t *k);

/* Stops serving on the loop: closes the eventfd watcher and the timer (the loop finishes closing
 * them). Callbacks are not called after this. The librdkafka handle lives on until free. */
void grocer_kafka_stop(grocer_kafka_t *k);

/* After the loop has ended: a producer waits up to timeout_ms for what it queued to be delivered
 * (what is not is dropped: an outbox row stays unsent and is published again), a consumer leaves
 * its group and commits; then the handle is destroyed and k freed. NULL is fine. */
void grocer_kafka_free(grocer_kafka_t *k, int timeout_ms);

#endif
