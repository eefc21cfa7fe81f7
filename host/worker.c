/* worker.c: a worker process: sets up its loop, listener, static files and Lua runtime, stamps
 * its heartbeat for the master's watchdog, writes the access log, and drains on SIGTERM/SIGINT.
 * Everything here runs on the worker's one loop thread. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "catalog.h"
#include "catalog_feed.h"
#include "http.h"
#include "inventory.h"
#include "kafka.h"
#include "log.h"
#include "master.h"
#include "metrics.h"
#include "pg.h"
#include "relay.h"
#include "runtime.h"
#include "static.h"
#include "subscribe.h"
#include "worker.h"

#define TICK_MS 100
#define KAFKA_FLUSH_MS 2000   /* at exit, how long queued messages may take to go out */

grocer_worker_t *grocer_worker;

void grocer__worker_log_append(grocer_worker_t *w, const char *s, size_t len)
{
    if (w->alog_len + len > w->alog_cap) {
        size_t cap = w->alog_cap ? w->alog_cap : 65536;
        while (cap < w->alog_len + len) cap *= 2;
        char *p = realloc(w->alog, cap);
        if (!p) return;
        w->alog = p;
        w->alog_cap = cap;
    }
    memcpy(w->alog + w->alog_len, s, len);
    w->alog_len += len;
}

/* The access log goes out once per loop turn, in one write. stdout is whatever the operator
 * gave us (a file, a pipe to a collector); like nginx's access_log, the write is plain. */
static void flush_access_log(grocer_worker_t *w)
{
    size_t off = 0;
    while (off < w->alog_len) {
        ssize_t n = write(STDOUT_FILENO, w->alog + off, w->alog_len - off);
        if (n <= 0) break;
        off += (size_t)n;
    }
    w->alog_len = 0;
}

static void on_flush_check(uv_check_t *h)
{
    grocer_worker_t *w = h->data;
    if (w->alog_len) flush_access_log(w);
}

static void on_tick(uv_timer_t *t)
{
    grocer_worker_t *w = t->data;
    grocer_worker_slot_t *slot = &grocer_shm->workers[w->id];
    slot->heartbeat_ms = grocer_now_ms();
    if (w->rt) slot->lua_memory = grocer_runtime_memory(w->rt);
    if (w->draining) {
        if (w->nconns == 0 || grocer_now_ms() >= w->drain_deadline_ms) {
            if (w->nconns) grocer_log(GROCER_LOG_WARN, "worker", "drain timeout: closing %llu connections",
                                      (unsigned long long)w->nconns);
            grocer_http_close_all(w);
            uv_stop(w->loop);
        }
    }
}

void grocer_worker_drain(grocer_worker_t *w)
{
    if (w->draining) return;
    w->draining = 1;
    w->drain_deadline_ms = grocer_now_ms() + (uint64_t)(w->cfg->drain_timeout * 1000);
    grocer_log(GROCER_LOG_INFO, "worker", "draining: %llu connections, %llu requests in flight",
               (unsigned long long)w->nconns, (unsigned long long)w->inflight);
    grocer_http_stop_listening(w);
    grocer__http_drain(w);
}

/* ---- hot reload ---- */

/* The newest good generation the master published (seqlock: 0 while it writes); *dir stays
 * empty when there is none, and the worker builds from the app folder. */
static uint64_t good_generation(char *dir, size_t len)
{
    dir[0] = '\0';
    for (int tries = 0; tries < 1000; tries++) {
        uint64_t g = grocer_shm->good_generation;
        if (g == 0) {
            usleep(1000);
            continue;
        }
        __sync_synchronize();
        snprintf(dir, len, "%s", grocer_shm->good_dir);
        __sync_synchronize();
        if (grocer_shm->good_generation == g) return g;
    }
    dir[0] = '\0';
    return 1;
}

static void start_reload(grocer_worker_t *w);

/* A build finished (on the loop): report to the master through the slot. */
static void on_reload_done(grocer_runtime_t *rt, uint64_t generation, const char *err, void *arg)
{
    grocer_worker_t *w = arg;
    grocer_worker_slot_t *slot = &grocer_shm->workers[w->id];
    if (!err) {
        slot->reload_error[0] = '\0';
        slot->reload_ok = 1;
        slot->generation = generation;
    } else {
        grocer_log(GROCER_LOG_ERROR, "reload", "generation %llu refused, still serving %llu: %s",
                   (unsigned long long)generation, (unsigned long long)grocer_runtime_generation(rt), err);
        snprintf(slot->reload_error, sizeof slot->reload_error, "%s", err);
        slot->reload_ok = 0;
    }
    __sync_synchronize();
    slot->reload_done_seq = w->reload_seq;
    w->reload_seq = 0;
    if (w->reload_again) {
        w->reload_again = 0;
        start_reload(w);
    }
}

/* Builds the generation the master wrote in grocer_shm (reload.c), off the loop. */
static void start_reload(grocer_worker_t *w)
{
    grocer_worker_slot_t *slot = &grocer_shm->workers[w->id];
    uint64_t seq = grocer_shm->reload_seq;
    if (seq == 0 || seq == slot->reload_done_seq || w->draining) return;
    if (w->reload_seq) {
        w->reload_again = 1; /* one build at a time: the newest request runs after it */
        return;
    }
    __sync_synchronize();
    char dir[GROCER_RELOAD_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", grocer_shm->reload_dir);
    uint64_t generation = grocer_shm->reload_generation;
    w->reload_seq = seq;
    if (grocer_runtime_reload_async(w->rt, dir, generation, on_reload_done, w) < 0)
        on_reload_done(w->rt, generation, "could not start the build", w);
}

/* SIGHUP: the master asks for a new generation. */
static void on_reload_signal(uv_signal_t *h, int signum)
{
    (void)signum;
    start_reload(h->data);
}

/* The read model changed: wake the requests waiting on those products (the product pages' stock
 * streams, grocer.catalog.wait). */
static void on_catalog_change(void *arg, const int32_t *ids, int nids)
{
    grocer_worker_t *w = arg;
    if (!w->rt) return;
    if (!ids) {
        grocer_runtime_signal_prefix(w->rt, GROCER_CATALOG_SIGNAL_PREFIX, sizeof GROCER_CATALOG_SIGNAL_PREFIX - 1);
        return;
    }
    char key[48];
    for (int i = 0; i < nids; i++) {
        int len = snprintf(key, sizeof key, GROCER_CATALOG_SIGNAL_PREFIX "%d", (int)ids[i]);
        grocer_runtime_signal(w->rt, key, (size_t)len);
    }
}

static void on_stop_signal(uv_signal_t *h, int signum)
{
    (void)signum;
    grocer_worker_drain(h->data);
}

int grocer_worker_main(const grocer_config_t *cfg, int id)
{
    char err[4096];
    grocer_worker_t *w = calloc(1, sizeof *w);
    if (!w) return GROCER_EXIT_CONFIG;
    grocer_worker = w;
    w->id = id;
    w->cfg = cfg;
    w->loop = uv_default_loop();
    grocer_log_set_worker(id);
    signal(SIGPIPE, SIG_IGN);
    snprintf(w->id_prefix, sizeof w->id_prefix, "%02x%05x", id & 0xff, (unsigned)getpid() & 0xfffff);

    grocer_worker_slot_t *slot = &grocer_shm->workers[id];
    slot->heartbeat_ms = grocer_now_ms();

    char static_dir[PATH_MAX + 16];
    snprintf(static_dir, sizeof static_dir, "%s/static", cfg->app_dir);
    w->statics = grocer_static_load(static_dir, cfg->static_max, err, sizeof err);
    if (!w->statics) {
        grocer_log(GROCER_LOG_ERROR, "worker", "static files: %s", err);
        return GROCER_EXIT_CONFIG;
    }
    w->pg = grocer_pg_start(w->loop, cfg, NULL);
    w->catalog = grocer_catalog_feed_start(w->loop, cfg->database_url);
    grocer_catalog_on_change(on_catalog_change, w);
    if (grocer_kafka_enabled(cfg)) {
        w->kafka = grocer_kafka_producer_start(w->loop, cfg, err, sizeof err);
        if (!w->kafka) grocer_log(GROCER_LOG_ERROR, "kafka", "%s; Kafka is off, events stay in the outbox", err);
        /* one relay per pod (worker 0, respawned as 0), one at a time across pods (its lock):
         * a pod costs its database one connection for it, not one per worker */
        if (id == 0) w->relay = grocer_relay_start(w->loop, cfg->database_url, w->kafka, &slot->relay);
        /* every worker joins the inventory consumer group: the partitions spread over them */
        w->inventory = grocer_inventory_start(w->loop, cfg, &slot->inventory);
    }
    char app_dir[GROCER_RELOAD_PATH_MAX];
    uint64_t generation = good_generation(app_dir, sizeof app_dir);
    w->rt = grocer_runtime_new(w->loop, cfg, app_dir[0] ? app_dir : NULL, generation, id, err, sizeof err);
    if (!w->rt) {
        grocer_log(GROCER_LOG_ERROR, "worker", "the app failed to load: %s", err);
        return GROCER_EXIT_CONFIG;
    }
    grocer_pg_set_runtime(w->pg, w->rt);
    w->subscriptions = grocer_subscriptions_start(w->loop, cfg, w->rt, &slot->subscriptions);
    if (grocer_http_listen(w, err, sizeof err) < 0) {
        grocer_log(GROCER_LOG_ERROR, "worker", "%s", err);
        return GROCER_EXIT_CONFIG;
    }
    uv_signal_init(w->loop, &w->sig_term);
    uv_signal_init(w->loop, &w->sig_int);
    w->sig_term.data = w->sig_int.data = w;
    uv_signal_start(&w->sig_term, on_stop_signal, SIGTERM);
    uv_signal_start(&w->sig_int, on_stop_signal, SIGINT);
    uv_signal_init(w->loop, &w->sig_hup);
    w->sig_hup.data = w;
    uv_signal_start(&w->sig_hup, on_reload_signal, SIGHUP);
    slot->reload_done_seq = 0; /* a SIGHUP from now on loads the master's latest request */
    /* the master forked us with these blocked: one that came while we started is taken now */
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGHUP);
    sigprocmask(SIG_UNBLOCK, &mask, NULL);
    uv_timer_init(w->loop, &w->tick);
    w->tick.data = w;
    uv_timer_start(&w->tick, on_tick, 0, TICK_MS);
    uv_check_init(w->loop, &w->flush_check);
    w->flush_check.data = w;
    uv_check_start(&w->flush_check, on_flush_check);

    slot->generation = generation;
    slot->started = 1;
    grocer_log(GROCER_LOG_INFO, "worker", "serving on %s (pid %d)", cfg->listen, (int)getpid());
    uv_run(w->loop, UV_RUN_DEFAULT);

    flush_access_log(w);
    grocer_pg_stop(w->pg);
    grocer_catalog_feed_stop(w->catalog);
    grocer_catalog_feed_free(w->catalog);
    grocer_relay_stop(w->relay);
    grocer_inventory_stop(w->inventory);
    grocer_subscriptions_stop(w->subscriptions);
    grocer_kafka_stop(w->kafka);
    grocer_kafka_free(w->kafka, KAFKA_FLUSH_MS);   /* after the loop: may wait, nobody is served */
    grocer_relay_free(w->relay);
    grocer_inventory_free(w->inventory);   /* commits what was applied */
    grocer_subscriptions_free(w->subscriptions);
    grocer_log(GROCER_LOG_INFO, "worker", "stopped");
    return 0;
}
