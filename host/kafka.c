/* kafka.c: librdkafka driven from a worker's libuv loop (see kafka.h). It owns the librdkafka
 * handles, their configuration from the settings table, and the wake-up path; what is produced
 * or done with a consumed message belongs to the callers (relay.c publishes the outbox).
 *
 * DESIGN: librdkafka runs its own threads for the network; what it hands back to the
 * application (delivery reports, consumed messages, errors, its log lines) waits on the handle's
 * main queue until someone polls it. rd_kafka_queue_io_event_enable makes librdkafka write to an
 * eventfd whenever that queue goes from empty to not empty; a uv_poll on the eventfd wakes the
 * loop, which then serves the queue with zero timeouts (rd_kafka_poll, rd_kafka_consumer_poll), so
 * every callback runs on the loop thread and nothing waits. Because the wake-up fires only on
 * empty -> not empty, each serve empties the queue (or, past a per-turn cap, pokes the eventfd to
 * come back on the next turn); a 100 ms timer serves it too, as a safety net. The consumer's queue
 * is forwarded to the main queue (rd_kafka_poll_set_consumer), so both kinds wake the same way.
 * A consumer hands out what librdkafka has fetched in batches (up to max_batch messages, so the
 * owner can apply many in one database transaction); one whose callback holds a batch
 * (GROCER_KAFKA_HOLD: its work is still in flight) stops serving until grocer_kafka_consumer_done
 * stores those offsets and pokes the eventfd; what librdkafka fetched meanwhile waits in its
 * queue, and becomes the next batch. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <librdkafka/rdkafka.h>
#include "kafka.h"
#include "log.h"
#include "metrics.h"

#define SAFETY_MS 100             /* serve the queue at least this often */
#define SERVE_MAX_EVENTS 2000     /* per loop turn; more: come back on the next turn */
#define ERROR_REPEAT_MS 30000     /* the same broker error is logged again only after this */

enum { K_PRODUCER, K_CONSUMER };

struct grocer_kafka_s {
    int kind;
    rd_kafka_t *rk;
    rd_kafka_queue_t *mainq;
    int efd;                      /* eventfd librdkafka writes to */
    uv_poll_t *poll;
    uv_timer_t *timer;
    int stopped;
    grocer_kafka_batch_fn on_batch;
    void *arg;
    int max_batch;
    rd_kafka_message_t **batch;   /* max_batch slots: the batch being handed out, or held */
    grocer_kafka_message_t *views;
    int nheld;                    /* messages of the batch whose callback returned GROCER_KAFKA_HOLD */
    int last_err;                 /* rate limit for on_error */
    uint64_t last_err_ms;
};

/* What a produced message carries to its delivery report. */
typedef struct {
    grocer_kafka_delivery_fn fn;
    void *opaque;
} delivery_t;

int grocer_kafka_enabled(const grocer_config_t *cfg)
{
    return cfg->kafka_brokers[0] != '\0';
}

/* ---- librdkafka callbacks (run inside a poll, on the loop thread) ---- */

static void on_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    (void)rk;
    if (!strcmp(fac, "FAIL")) return;   /* the same failure comes to on_error, rate-limited */
    int l = level <= 3 ? GROCER_LOG_ERROR : level == 4 ? GROCER_LOG_WARN : level <= 6 ? GROCER_LOG_INFO
                                                                                      : GROCER_LOG_DEBUG;
    grocer_log(l, "kafka", "%s: %s", fac, buf);
}

static void on_error(rd_kafka_t *rk, int err, const char *reason, void *opaque)
{
    grocer_kafka_t *k = opaque;
    if (err == RD_KAFKA_RESP_ERR__FATAL) {
        char why[512];
        rd_kafka_resp_err_t orig = rd_kafka_fatal_error(rk, why, sizeof why);
        grocer_log(GROCER_LOG_ERROR, "kafka", "fatal error, this handle stops working: %s (%s)", why,
                   rd_kafka_err2name(orig));
        return;
    }
    /* "all brokers down" and friends repeat every few seconds while a broker is away */
    uint64_t now = grocer_now_ms();
    if (k && err == k->last_err && now - k->last_err_ms < ERROR_REPEAT_MS) return;
    if (k) {
        k->last_err = err;
        k->last_err_ms = now;
    }
    grocer_log(GROCER_LOG_WARN, "kafka", "%s: %s", rd_kafka_err2name(err), reason);
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    (void)rk;
    grocer_kafka_t *k = opaque;
    delivery_t *d = m->_private;
    if (!d) return;
    if (!k->stopped && d->fn) {
        if (m->err) d->fn(d->opaque, rd_kafka_err2str(m->err), m->partition, -1);
        else d->fn(d->opaque, NULL, m->partition, m->offset);
    }
    free(d);
}

/* ---- serving the queue ---- */

static void poke(grocer_kafka_t *k)
{
    uint64_t one = 1;
    if (write(k->efd, &one, sizeof one) < 0 && errno != EAGAIN)
        grocer_log(GROCER_LOG_ERROR, "kafka", "eventfd write: %s", strerror(errno));
}

/* Stores the offsets of the first n messages of the batch and lets go of them. */
static void batch_done(grocer_kafka_t *k, int n)
{
    for (int i = 0; i < n; i++) {
        rd_kafka_message_t *m = k->batch[i];
        rd_kafka_offset_store(m->rkt, m->partition, m->offset);
        rd_kafka_message_destroy(m);
        k->batch[i] = NULL;
    }
}

/* Takes up to max_batch messages from the queue into k->batch; returns how many. */
static int take_batch(grocer_kafka_t *k)
{
    int n = 0;
    rd_kafka_message_t *m;
    while (n < k->max_batch && (m = rd_kafka_consumer_poll(k->rk, 0))) {
        if (m->err) {
            if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF)
                grocer_log(GROCER_LOG_WARN, "kafka", "consumer: %s", rd_kafka_message_errstr(m));
            rd_kafka_message_destroy(m);
            continue;
        }
        k->batch[n] = m;
        k->views[n] = (grocer_kafka_message_t){
            .topic = rd_kafka_topic_name(m->rkt),
            .partition = m->partition,
            .offset = m->offset,
            .key = m->key,
            .key_len = m->key ? m->key_len : 0,
            .value = m->payload ? m->payload : "",
            .value_len = m->payload ? m->len : 0,
        };
        n++;
    }
    return n;
}

static void serve(grocer_kafka_t *k)
{
    if (k->stopped) return;
    int n = 0;
    if (k->kind == K_PRODUCER) {
        int got;
        while (n < SERVE_MAX_EVENTS && (got = rd_kafka_poll(k->rk, 0)) > 0) n += got;
    } else {
        int got;
        while (n < SERVE_MAX_EVENTS && !k->stopped && !k->nheld && (got = take_batch(k)) > 0) {
            n += got;
            if (k->on_batch(k->arg, k->views, got) == GROCER_KAFKA_HOLD) k->nheld = got;
            else batch_done(k, got);
        }
    }
    if (n >= SERVE_MAX_EVENTS && !k->stopped && !k->nheld) poke(k);
}

static void on_wake(uv_poll_t *h, int status, int events)
{
    (void)status;
    (void)events;
    grocer_kafka_t *k = h->data;
    uint64_t v;
    while (read(k->efd, &v, sizeof v) == (ssize_t)sizeof v) {
    }
    serve(k);
}

static void on_safety(uv_timer_t *t)
{
    serve(t->data);
}

/* ---- setup ---- */

static int set(rd_kafka_conf_t *conf, const char *name, const char *value, char *err, size_t errlen)
{
    char why[256];
    if (rd_kafka_conf_set(conf, name, value, why, sizeof why) != RD_KAFKA_CONF_OK) {
        snprintf(err, errlen, "kafka setting %s=%s: %s", name, value, why);
        return -1;
    }
    return 0;
}

/* The settings both kinds share. */
static rd_kafka_conf_t *base_conf(grocer_kafka_t *k, const grocer_config_t *cfg, char *err, size_t errlen)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (set(conf, "bootstrap.servers", cfg->kafka_brokers, err, errlen) < 0 ||
        set(conf, "client.id", cfg->kafka_client_id, err, errlen) < 0 ||
        set(conf, "log.queue", "true", err, errlen) < 0 ||       /* log lines come to the loop */
        set(conf, "socket.keepalive.enable", "true", err, errlen) < 0 ||
        /* small requests go out at once: with Nagle on, a request written while the previous one
         * is unacknowledged waits for the peer's delayed ACK (up to 40 ms on Linux) */
        set(conf, "socket.nagle.disable", "true", err, errlen) < 0 ||
        /* a broker that comes back is found within a second, not librdkafka's default 10 s */
        set(conf, "reconnect.backoff.max.ms", "1000", err, errlen) < 0) {
        rd_kafka_conf_destroy(conf);
        return NULL;
    }
    rd_kafka_conf_set_log_cb(conf, on_log);
    rd_kafka_conf_set_error_cb(conf, on_error);
    rd_kafka_conf_set_opaque(conf, k);
    return conf;
}

static void free_handle(uv_handle_t *h)
{
    free(h);
}

/* Creates the handle from conf (which it takes) and wires its main queue to the loop. */
static int attach(grocer_kafka_t *k, uv_loop_t *loop, rd_kafka_type_t type, rd_kafka_conf_t *conf,
                  char *err, size_t errlen)
{
    char why[512];
    k->rk = rd_kafka_new(type, conf, why, sizeof why);
    if (!k->rk) {
        rd_kafka_conf_destroy(conf);
        snprintf(err, errlen, "cannot create the Kafka client: %s", why);
        return -1;
    }
    rd_kafka_set_log_queue(k->rk, NULL);
    /* A consumer's main queue is forwarded into its consumer queue (rd_kafka_poll_set_consumer),
     * so the queue that fills, and must wake the loop, is the consumer queue; a wake-up set on the
     * forwarded main queue never fires and messages would wait for the safety timer. */
    if (type == RD_KAFKA_CONSUMER) {
        rd_kafka_poll_set_consumer(k->rk);
        k->mainq = rd_kafka_queue_get_consumer(k->rk);
    } else {
        k->mainq = rd_kafka_queue_get_main(k->rk);
    }
    k->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    k->poll = malloc(sizeof *k->poll);
    k->timer = malloc(sizeof *k->timer);
    if (k->efd < 0 || !k->poll || !k->timer || uv_poll_init(loop, k->poll, k->efd) < 0) {
        snprintf(err, errlen, "cannot watch the Kafka client: %s", strerror(errno));
        return -1;
    }
    k->poll->data = k;
    uint64_t one = 1;
    rd_kafka_queue_io_event_enable(k->mainq, k->efd, &one, sizeof one);
    uv_poll_start(k->poll, UV_READABLE, on_wake);
    uv_timer_init(loop, k->timer);
    k->timer->data = k;
    uv_timer_start(k->timer, on_safety, SAFETY_MS, SAFETY_MS);
    poke(k);   /* anything queued before the wake-up was enabled */
    return 0;
}

/* Undoes a failed start: nothing was started on the loop except maybe the poll handle. */
static void discard(grocer_kafka_t *k)
{
    if (k->poll && uv_is_active((uv_handle_t *)k->poll)) uv_close((uv_handle_t *)k->poll, free_handle);
    else free(k->poll);
    free(k->timer);
    if (k->mainq) rd_kafka_queue_destroy(k->mainq);
    if (k->rk) rd_kafka_destroy(k->rk);
    if (k->efd >= 0) close(k->efd);
    free(k->batch);
    free(k->views);
    free(k);
}

grocer_kafka_t *grocer_kafka_producer_start(uv_loop_t *loop, const grocer_config_t *cfg, char *err, size_t errlen)
{
    grocer_kafka_t *k = calloc(1, sizeof *k);
    if (!k) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    k->kind = K_PRODUCER;
    k->efd = -1;
    char linger[16];
    snprintf(linger, sizeof linger, "%d", cfg->kafka_linger_ms);
    rd_kafka_conf_t *conf = base_conf(k, cfg, err, errlen);
    if (!conf) {
        discard(k);
        return NULL;
    }
    if (set(conf, "enable.idempotence", "true", err, errlen) < 0 ||
        set(conf, "partitioner", "murmur2_random", err, errlen) < 0 ||
        set(conf, "compression.codec", cfg->kafka_compression, err, errlen) < 0 ||
        set(conf, "linger.ms", linger, err, errlen) < 0) {
        rd_kafka_conf_destroy(conf);
        discard(k);
        return NULL;
    }
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    if (attach(k, loop, RD_KAFKA_PRODUCER, conf, err, errlen) < 0) {
        discard(k);
        return NULL;
    }
    return k;
}

int grocer_kafka_produce(grocer_kafka_t *k, const char *topic, const char *key, size_t key_len,
                         const char *value, size_t value_len, grocer_kafka_delivery_fn fn, void *opaque,
                         char *err, size_t errlen)
{
    delivery_t *d = malloc(sizeof *d);
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    d->fn = fn;
    d->opaque = opaque;
    rd_kafka_resp_err_t e = rd_kafka_producev(k->rk, RD_KAFKA_V_TOPIC(topic),
                                              RD_KAFKA_V_KEY((void *)key, key ? key_len : 0),
                                              RD_KAFKA_V_VALUE((void *)value, value_len),
                                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                              RD_KAFKA_V_OPAQUE(d), RD_KAFKA_V_END);
    if (e) {
        free(d);
        snprintf(err, errlen, "%s", rd_kafka_err2str(e));
        return -1;
    }
    return 0;
}

grocer_kafka_t *grocer_kafka_consumer_start(uv_loop_t *loop, const grocer_config_t *cfg, const char *group,
                                            const char *const *topics, int ntopics, int max_batch,
                                            grocer_kafka_batch_fn fn, void *arg, char *err, size_t errlen)
{
    grocer_kafka_t *k = calloc(1, sizeof *k);
    if (!k) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    k->kind = K_CONSUMER;
    k->efd = -1;
    k->on_batch = fn;
    k->arg = arg;
    k->max_batch = max_batch > 0 ? max_batch : 1;
    k->batch = calloc((size_t)k->max_batch, sizeof *k->batch);
    k->views = calloc((size_t)k->max_batch, sizeof *k->views);
    if (!k->batch || !k->views) {
        snprintf(err, errlen, "out of memory");
        discard(k);
        return NULL;
    }
    rd_kafka_conf_t *conf = base_conf(k, cfg, err, errlen);
    if (!conf) {
        discard(k);
        return NULL;
    }
    if (set(conf, "group.id", group, err, errlen) < 0 ||
        set(conf, "enable.auto.offset.store", "false", err, errlen) < 0 ||  /* stored after fn */
        set(conf, "auto.offset.reset", "latest", err, errlen) < 0 ||
        /* a worker that went away (crash, or an exit that skips the group's goodbye, see
         * grocer_kafka_free) holds its partitions until its session times out: keep that short,
         * at the broker's minimum */
        set(conf, "session.timeout.ms", "6000", err, errlen) < 0 ||
        set(conf, "heartbeat.interval.ms", "1500", err, errlen) < 0) {
        rd_kafka_conf_destroy(conf);
        discard(k);
        return NULL;
    }
    if (attach(k, loop, RD_KAFKA_CONSUMER, conf, err, errlen) < 0) {
        discard(k);
        return NULL;
    }
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(ntopics);
    for (int i = 0; i < ntopics; i++) rd_kafka_topic_partition_list_add(list, topics[i], RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t e = rd_kafka_subscribe(k->rk, list);
    rd_kafka_topic_partition_list_destroy(list);
    if (e) {
        snprintf(err, errlen, "cannot subscribe: %s", rd_kafka_err2str(e));
        grocer_kafka_stop(k);
        grocer_kafka_free(k, 0);
        return NULL;
    }
    return k;
}

void grocer_kafka_consumer_done(grocer_kafka_t *k)
{
    if (!k || !k->nheld) return;
    batch_done(k, k->nheld);
    k->nheld = 0;
    if (!k->stopped) poke(k);   /* the queue may hold more: serve it on the next turn */
}

void grocer_kafka_stop(grocer_kafka_t *k)
{
    if (!k || k->stopped) return;
    k->stopped = 1;
    rd_kafka_queue_io_event_enable(k->mainq, -1, NULL, 0);
    uv_poll_stop(k->poll);
    uv_close((uv_handle_t *)k->poll, free_handle);
    k->poll = NULL;
    uv_timer_stop(k->timer);
    uv_close((uv_handle_t *)k->timer, free_handle);
    k->timer = NULL;
}

void grocer_kafka_free(grocer_kafka_t *k, int timeout_ms)
{
    if (!k) return;
    k->stopped = 1;   /* delivery reports from here on only free their records */
    if (k->kind == K_PRODUCER) {
        if (rd_kafka_flush(k->rk, timeout_ms) != RD_KAFKA_RESP_ERR_NO_ERROR)
            grocer_log(GROCER_LOG_WARN, "kafka", "%d messages not delivered at exit (published again later)",
                       rd_kafka_outq_len(k->rk));
        rd_kafka_purge(k->rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        rd_kafka_poll(k->rk, 0);
    } else {
        for (int i = 0; i < k->nheld; i++) rd_kafka_message_destroy(k->batch[i]);   /* consumed again later */
        k->nheld = 0;
        /* Commit what was applied, then leave without rd_kafka_consumer_close: that waits for the
         * group's rebalance, seconds past the drain timeout a SIGTERM promises. The coordinator
         * hands our partitions to the others when the session times out. */
        rd_kafka_resp_err_t err = rd_kafka_commit(k->rk, NULL, 0);
        if (err && err != RD_KAFKA_RESP_ERR__NO_OFFSET)
            grocer_log(GROCER_LOG_WARN, "kafka", "committing offsets at exit: %s", rd_kafka_err2str(err));
    }
    rd_kafka_queue_destroy(k->mainq);
    rd_kafka_destroy_flags(k->rk, k->kind == K_PRODUCER ? 0 : RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
    close(k->efd);
    free(k->batch);
    free(k->views);
    free(k);
}
