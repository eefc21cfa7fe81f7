/* config.c: the settings table and its parsers. One row per setting; --help prints the table.
 * Runs in the master before the workers are forked; workers get a copy by fork. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "config.h"

typedef enum { T_ADDR, T_INT, T_PATH, T_SECONDS, T_BYTES, T_BOOL, T_STRING } setting_type_t;

typedef struct setting_s {
    const char *name;
    const char *env;
    setting_type_t type;
    size_t offset;
    double min, max;
    const char *def;            /* NULL: computed (workers) */
    const char *help;
} setting_t;

#define OFF(f) offsetof(grocer_config_t, f)

static const setting_t settings[] = {
    {"listen", "GROCER_LISTEN", T_ADDR, OFF(listen), 0, 0, "127.0.0.1:8000", "address to listen on, HOST:PORT"},
    {"workers", "GROCER_WORKERS", T_INT, OFF(workers), 1, 64, NULL, "worker processes (default: number of cores)"},
    {"app", "GROCER_APP", T_PATH, OFF(app_dir), 0, 0, ".", "folder holding scripts/ templates/ i18n/ static/"},
    {"var", "GROCER_VAR", T_PATH, OFF(var_dir), 0, 0, "./var", "runtime state (admin socket, private cluster)"},
    {"header_timeout", "GROCER_HEADER_TIMEOUT", T_SECONDS, OFF(header_timeout), 0.01, 3600, "15", "seconds to receive request line and headers (408 after)"},
    {"body_timeout", "GROCER_BODY_TIMEOUT", T_SECONDS, OFF(body_timeout), 0.01, 3600, "60", "seconds between two reads of a request body (408 after)"},
    {"keepalive_timeout", "GROCER_KEEPALIVE_TIMEOUT", T_SECONDS, OFF(keepalive_timeout), 0, 3600, "75", "seconds an idle keep-alive connection stays open"},
    {"send_timeout", "GROCER_SEND_TIMEOUT", T_SECONDS, OFF(send_timeout), 0.01, 3600, "60", "seconds a client may stall reading a response before it is cut"},
    {"max_body", "GROCER_MAX_BODY", T_BYTES, OFF(max_body), 0, 1024.0 * 1024 * 1024, "1m", "largest request body (413 past it)"},
    {"max_header", "GROCER_MAX_HEADER", T_BYTES, OFF(max_header), 1024, 1024 * 1024, "16k", "largest request line + headers (431 past it)"},
    {"lua_budget", "GROCER_LUA_BUDGET", T_SECONDS, OFF(lua_budget), 0.001, 3600, "1", "seconds of Lua run time a request may use before it is stopped with 500"},
    {"watchdog_timeout", "GROCER_WATCHDOG_TIMEOUT", T_SECONDS, OFF(watchdog_timeout), 0.2, 3600, "5", "seconds a worker's loop may be stuck before the master replaces it"},
    {"drain_timeout", "GROCER_DRAIN_TIMEOUT", T_SECONDS, OFF(drain_timeout), 0, 3600, "25", "seconds SIGTERM waits for in-flight requests"},
    {"sse_heartbeat", "GROCER_SSE_HEARTBEAT", T_SECONDS, OFF(sse_heartbeat), 0.05, 3600, "15", "seconds between Server-Sent Events heartbeats"},
    {"access_log", "GROCER_ACCESS_LOG", T_BOOL, OFF(access_log), 0, 1, "on", "one JSON line per request on stdout (on/off)"},
    {"static_max", "GROCER_STATIC_MAX", T_BYTES, OFF(static_max), 0, 4096.0 * 1024 * 1024, "64m", "bytes of static/ kept in memory"},
    {"database_url", "DATABASE_URL", T_STRING, OFF(database_url), 0, 1024, "", "PostgreSQL to use (libpq URI or conninfo); unset: a private cluster under var/pg"},
    {"db_pool_min", "GROCER_DB_POOL_MIN", T_INT, OFF(db_pool_min), 0, 1000, "1", "PostgreSQL connections each worker keeps open"},
    {"db_pool_max", "GROCER_DB_POOL_MAX", T_INT, OFF(db_pool_max), 1, 1000, "8", "PostgreSQL connections each worker opens at most"},
    {"db_acquire_timeout", "GROCER_DB_ACQUIRE_TIMEOUT", T_SECONDS, OFF(db_acquire_timeout), 0.001, 3600, "2", "seconds a request waits for a free connection (503 after)"},
    {"db_statement_timeout", "GROCER_DB_STATEMENT_TIMEOUT", T_SECONDS, OFF(db_statement_timeout), 0, 3600, "30", "seconds a statement may run (0: no limit)"},
    {"kafka_brokers", "KAFKA_BROKERS", T_STRING, OFF(kafka_brokers), 0, 512, "", "Kafka bootstrap servers, HOST:PORT[,...]; unset: Kafka off, events stay in the outbox"},
    {"kafka_client_id", "GROCER_KAFKA_CLIENT_ID", T_STRING, OFF(kafka_client_id), 0, 128, "grocer", "client.id the Kafka brokers see"},
    {"kafka_linger_ms", "GROCER_KAFKA_LINGER_MS", T_INT, OFF(kafka_linger_ms), 0, 60000, "5", "milliseconds the producer waits to fill a batch"},
    {"kafka_compression", "GROCER_KAFKA_COMPRESSION", T_STRING, OFF(kafka_compression), 0, 16, "lz4", "producer compression: none, lz4, zstd, gzip or snappy"},
};

#define NSETTINGS (sizeof settings / sizeof settings[0])

static int parse_size(const char *v, double *out)
{
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    if (errno || end == v || d < 0) return -1;
    switch (tolower((unsigned char)*end)) {
    case 'k': d *= 1024; end++; break;
    case 'm': d *= 1024 * 1024; end++; break;
    case 'g': d *= 1024.0 * 1024 * 1024; end++; break;
    default: break;
    }
    if (*end == 'b' || *end == 'B') end++;
    if (*end) return -1;
    *out = d;
    return 0;
}

static int apply(grocer_config_t *cfg, const setting_t *s, const char *v, char *err, size_t errlen)
{
    char *field = (char *)cfg + s->offset;
    char *end;
    double d;
    switch (s->type) {
    case T_ADDR: {
        const char *colon = strrchr(v, ':');
        long port = colon ? strtol(colon + 1, &end, 10) : -1;
        if (!colon || colon == v || *end || port < 0 || port > 65535 ||
            (size_t)(colon - v) >= sizeof cfg->listen_host || strlen(v) >= sizeof cfg->listen) {
            snprintf(err, errlen, "%s: expected HOST:PORT, got '%s'", s->name, v);
            return -1;
        }
        snprintf(cfg->listen, sizeof cfg->listen, "%s", v);
        memcpy(cfg->listen_host, v, (size_t)(colon - v));
        cfg->listen_host[colon - v] = '\0';
        cfg->listen_port = (int)port;
        return 0;
    }
    case T_INT: {
        long n = strtol(v, &end, 10);
        if (end == v || *end || n < s->min || n > s->max) {
            snprintf(err, errlen, "%s: expected a whole number from %.0f to %.0f, got '%s'",
                     s->name, s->min, s->max, v);
            return -1;
        }
        *(int *)field = (int)n;
        return 0;
    }
    case T_PATH:
        if (!*v || strlen(v) >= PATH_MAX) {
            snprintf(err, errlen, "%s: expected a path, got '%s'", s->name, v);
            return -1;
        }
        snprintf(field, PATH_MAX, "%s", v);
        return 0;
    case T_SECONDS:
        d = strtod(v, &end);
        if (end == v || (*end && strcmp(end, "s") != 0) || d < s->min || d > s->max) {
            snprintf(err, errlen, "%s: expected seconds from %g to %g, got '%s'", s->name, s->min, s->max, v);
            return -1;
        }
        *(double *)field = d;
        return 0;
    case T_BYTES:
        if (parse_size(v, &d) < 0 || d < s->min || d > s->max) {
            snprintf(err, errlen, "%s: expected a size such as 512k or 1m (from %.0f to %.0f bytes), got '%s'",
                     s->name, s->min, s->max, v);
            return -1;
        }
        *(size_t *)field = (size_t)d;
        return 0;
    case T_STRING:
        if (strlen(v) >= (size_t)s->max) {
            snprintf(err, errlen, "%s: longer than %.0f bytes", s->name, s->max);
            return -1;
        }
        snprintf(field, (size_t)s->max, "%s", v);
        return 0;
    case T_BOOL:
        if (!strcmp(v, "on") || !strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes")) {
            *(int *)field = 1;
        } else if (!strcmp(v, "off") || !strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "no")) {
            *(int *)field = 0;
        } else {
            snprintf(err, errlen, "%s: expected on or off, got '%s'", s->name, v);
            return -1;
        }
        return 0;
    }
    return -1;
}

int grocer_config_set(grocer_config_t *cfg, const char *name, const char *value, char *err, size_t errlen)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (!strcmp(settings[i].name, name)) return apply(cfg, &settings[i], value, err, errlen);
    snprintf(err, errlen, "unknown setting '%s'", name);
    return -1;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1])) *--e = '\0';
    return s;
}

/* grocer.conf: "name = value" lines, '#' comments; a "[section]" line prefixes the names after
 * it with "section_" ("[kafka]" then "brokers = ..." is kafka_brokers), "[]" ends the section. */
static int load_file(grocer_config_t *cfg, const char *path, int must_exist, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (!must_exist && errno == ENOENT) return 0;
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char line[1024], msg[512], section[64] = "", name[192];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *l = trim(line);
        if (!*l) continue;
        size_t len = strlen(l);
        if (l[0] == '[' && l[len - 1] == ']') {
            l[len - 1] = '\0';
            char *sec = trim(l + 1);
            if (strlen(sec) >= sizeof section - 1 || strspn(sec, "abcdefghijklmnopqrstuvwxyz_") != strlen(sec)) {
                snprintf(err, errlen, "%s:%d: a section name is lower-case letters and _", path, lineno);
                fclose(f);
                return -1;
            }
            snprintf(section, sizeof section, "%s", sec);
            continue;
        }
        char *eq = strchr(l, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%d: expected 'name = value'", path, lineno);
            fclose(f);
            return -1;
        }
        *eq = '\0';
        snprintf(name, sizeof name, "%s%s%s", section, section[0] ? "_" : "", trim(l));
        if (grocer_config_set(cfg, name, trim(eq + 1), msg, sizeof msg) < 0) {
            snprintf(err, errlen, "%s:%d: %s", path, lineno, msg);
            fclose(f);
            return -1;
        }
    }
    fclose(f);
    return 0;
}

int grocer_config_load(grocer_config_t *cfg, char *err, size_t errlen)
{
    char msg[512];
    memset(cfg, 0, sizeof *cfg);
    for (size_t i = 0; i < NSETTINGS; i++)
        if (settings[i].def && apply(cfg, &settings[i], settings[i].def, err, errlen) < 0) return -1;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    cfg->workers = ncpu > 0 ? (int)ncpu : 1;

    const char *conf = getenv("GROCER_CONF");
    if (load_file(cfg, conf ? conf : "grocer.conf", conf != NULL, err, errlen) < 0) return -1;

    for (size_t i = 0; i < NSETTINGS; i++) {
        const char *v = getenv(settings[i].env);
        if (v && *v && apply(cfg, &settings[i], v, msg, sizeof msg) < 0) {
            snprintf(err, errlen, "%s: %s", settings[i].env, msg);
            return -1;
        }
    }
    return 0;
}

void grocer_config_print_help(FILE *out)
{
    fprintf(out, "Settings (grocer.conf name / environment variable: default, meaning):\n");
    for (size_t i = 0; i < NSETTINGS; i++)
        fprintf(out, "  %-20s %-28s %-16s %s\n", settings[i].name, settings[i].env,
                !settings[i].def ? "(cores)" : *settings[i].def ? settings[i].def : "(unset)", settings[i].help);
}
