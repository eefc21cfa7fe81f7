/* subscribe.h: Kafka topics consumed for the app's Lua handlers (grocer.kafka.subscribe). Each
 * worker reads the subscriptions of its first code generation and runs one consumer per group on
 * its loop; every message is handed, one at a time per group, to the current generation's
 * handler in a coroutine of its own, and its offset is stored once the handler has ended. */
#ifndef GROCER_SUBSCRIBE_H
#define GROCER_SUBSCRIBE_H

#include <stdint.h>
#include <uv.h>
#include "config.h"
#include "runtime.h"

typedef struct grocer_subscriptions_s grocer_subscriptions_t;

typedef struct grocer_subscription_stats_s {
    uint64_t handled;           /* messages whose handler returned */
    uint64_t failed;            /* messages whose handler raised an error (logged, not retried) */
} grocer_subscription_stats_t;

/* Starts the consumers of rt's current generation's subscriptions, counting into *stats. NULL
 * when Kafka is off, the app subscribes to nothing, or nothing could start (logged). */
grocer_subscriptions_t *grocer_subscriptions_start(uv_loop_t *loop, const grocer_config_t *cfg, grocer_runtime_t *rt,
                                                   grocer_subscription_stats_t *stats);
/* Stops consuming on the loop; a handler still running finishes, and its message is consumed
 * again later (nothing of its batch is stored). NULL is fine. */
void grocer_subscriptions_stop(grocer_subscriptions_t *s);
/* After the loop has ended: commits what was handled and frees. NULL is fine. */
void grocer_subscriptions_free(grocer_subscriptions_t *s);

#endif
