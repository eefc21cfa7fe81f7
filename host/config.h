/* config.h: every setting of the server, in one table (config.c): name, environment variable,
 * type, bounds, default, help. Sources, weakest first: defaults, grocer.conf (or the file named by
 * GROCER_CONF), environment, command-line flags. Read once by the master before forking. */
#ifndef GROCER_CONFIG_H
#define GROCER_CONFIG_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>

typedef struct grocer_config_s {
    char listen[128];           /* HOST:PORT as given */
    char listen_host[64];
    int listen_port;
    int workers;
    char app_dir[PATH_MAX];
    char var_dir[PATH_MAX];
    double header_timeout;      /* seconds */
    double body_timeout;
    double keepalive_timeout;
    double send_timeout;
    size_t max_body;            /* bytes */
    size_t max_header;
    double lua_budget;          /* seconds of Lua run time per request */
    double watchdog_timeout;
    double drain_timeout;
    double sse_heartbeat;
    int access_log;             /* 0 or 1 */
    size_t static_max;          /* bytes of static/ held in memory */
    char database_url[1024];    /* libpq conninfo or URI; empty: the private cluster */
    int db_pool_min;            /* connections per worker kept open */
    int db_pool_max;            /* connections per worker at most */
    double db_acquire_timeout;  /* seconds a request waits for a free connection (503 after) */
    double db_statement_timeout;/* seconds a statement may run (0: no limit) */
    char kafka_brokers[512];    /* bootstrap servers, host:port,...; empty: Kafka off */
    char kafka_client_id[128];  /* client.id the brokers see */
    int kafka_linger_ms;        /* producer batching delay */
    char kafka_compression[16]; /* none, lz4, zstd, gzip, snappy */
} grocer_config_t;

/* Fills defaults, then grocer.conf, then the environment. Returns 0, or -1 with err set. */
int grocer_config_load(grocer_config_t *cfg, char *err, size_t errlen);

/* Sets one setting by its name ("listen", "workers", ...), as a flag would. 0 or -1 with err. */
int grocer_config_set(grocer_config_t *cfg, const char *name, const char *value,
                      char *err, size_t errlen);

/* Prints the settings table (for --help and the README). */
void grocer_config_print_help(FILE *out);

#endif
