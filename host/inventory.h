/* inventory.h: inventory in. Applies the stock messages of stores and warehouses (topic
 * inventory-adjustments, DESIGN.md Events: stock.set and stock.adjust, keyed STORE_CODE:SKU) to
 * PostgreSQL. Every worker starts one when Kafka and a database are configured; they share the
 * consumer group grocer-inventory, so each partition is applied by one of them, in offset order.
 * The stock triggers then NOTIFY grocer_changes and every worker's read model follows. Runs on
 * the worker's loop, never blocks it. */
#ifndef GROCER_INVENTORY_H
#define GROCER_INVENTORY_H

#include <stdint.h>
#include <uv.h>
#include "config.h"

#define GROCER_INVENTORY_GROUP "grocer-inventory"
#define GROCER_INVENTORY_TOPIC "inventory-adjustments"

typedef struct grocer_inventory_s grocer_inventory_t;

typedef struct grocer_inventory_stats_s {
    uint64_t applied;           /* messages that changed (or confirmed) a stock row */
    uint64_t duplicates;        /* messages whose id was applied before: skipped */
    uint64_t skipped;           /* malformed, unknown store or sku: logged and skipped */
    uint64_t shortfalls;        /* deltas that stopped at 0 */
    uint64_t retries;           /* statements sent again after a database failure */
    uint64_t batches;           /* statements that committed (a batch, or one message of it) */
} grocer_inventory_stats_t;

/* Starts the consumer (its own librdkafka handle) and its own PostgreSQL connection to
 * cfg->database_url, counting into *stats (the worker's metrics slot). NULL when Kafka or the
 * database is not configured, or when librdkafka refuses the configuration (logged). */
grocer_inventory_t *grocer_inventory_start(uv_loop_t *loop, const grocer_config_t *cfg,
                                           grocer_inventory_stats_t *stats);
/* Stops it on the loop: closes its connection, timers and the consumer's watchers. A message in
 * flight is not committed and is applied again (once, by its id) by the next owner. NULL is fine. */
void grocer_inventory_stop(grocer_inventory_t *inv);
/* After the loop has ended: commits what is done and frees it (the group notices within its 6 s
 * session timeout). NULL is fine. */
void grocer_inventory_free(grocer_inventory_t *inv);

#endif
