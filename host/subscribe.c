/* subscribe.c: the app's Kafka subscriptions (see subscribe.h). Owns one consumer (kafka.c) per
 * group named in grocer.kafka.subscribe, and the hand-over of each message to Lua through
 * grocer_runtime_job (host/lua/grocer/kafka.lua dispatch()).
 *
 * DESIGN: the consumer hands one message at a time (a batch of one) and holds it
 * (GROCER_KAFKA_HOLD) while its handler runs, which may wait on the database or a timer; when
 * the handler has ended, its offset is stored and the next message comes on a later loop turn.
 * So each group's messages are handled in order, one at a time per worker, and a crash or a
 * rebalance delivers at most the message in flight again. A handler that fails is logged with
 * the message's place and counted; its message is done (not retried: kafka.lua says why). When
 * no generation can take the message (the app is between loads), it is offered again after a
 * second. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include <lua.h>
#include "kafka.h"
#include "log.h"
#include "subscribe.h"

#define MAX_GROUPS 16
#define MAX_TOPICS 32             /* per group */
#define NAME_MAX_LEN 200
#define RETRY_MS 1000

typedef struct group_s {
    grocer_subscriptions_t *owner;
    char name[NAME_MAX_LEN + 1];
    char *topics[MAX_TOPICS];
    int ntopics;
    grocer_kafka_t *kafka;
    const grocer_kafka_message_t *msg;   /* the message held, while its handler runs */
    uv_timer_t next;                     /* hands the message over / ends its hold, off the callbacks */
    int running;
} group_t;

struct grocer_subscriptions_s {
    grocer_runtime_t *rt;
    grocer_subscription_stats_t *stats;
    grocer_subscription_stats_t own_stats;
    group_t groups[MAX_GROUPS];
    int ngroups;
    int stopping;
};

static void run(uv_timer_t *timer);

static int push_message(lua_State *co, void *arg)
{
    const grocer_kafka_message_t *m = ((group_t *)arg)->msg;
    lua_createtable(co, 0, 5);
    lua_pushstring(co, m->topic);
    lua_setfield(co, -2, "topic");
    lua_pushinteger(co, m->partition);
    lua_setfield(co, -2, "partition");
    lua_pushnumber(co, (lua_Number)m->offset);
    lua_setfield(co, -2, "offset");
    if (m->key) {
        lua_pushlstring(co, m->key, m->key_len);
        lua_setfield(co, -2, "key");
    }
    lua_pushlstring(co, m->value, m->value_len);
    lua_setfield(co, -2, "value");
    return 1;
}

static void handled(void *arg, const char *err)
{
    group_t *g = arg;
    g->running = 0;
    if (err) {
        g->owner->stats->failed++;
        grocer_log(GROCER_LOG_ERROR, "kafka", "handler of %s failed at partition %d offset %lld (group %s); "
                   "message skipped", g->msg->topic, (int)g->msg->partition, (long long)g->msg->offset, g->name);
    } else {
        g->owner->stats->handled++;
    }
    g->msg = NULL;
    if (!g->owner->stopping) uv_timer_start(&g->next, run, 0, 0);   /* not inside the job's end */
}

/* On a loop turn of its own: ends the hold of a handled message, or hands the held one to Lua. */
static void run(uv_timer_t *timer)
{
    group_t *g = timer->data;
    if (g->owner->stopping || g->running) return;
    if (!g->msg) {
        grocer_kafka_consumer_done(g->kafka);
        return;
    }
    g->running = 1;
    if (grocer_runtime_job(g->owner->rt, "grocer.kafka", "dispatch", push_message, g, handled, g) < 0) {
        g->running = 0;
        uv_timer_start(&g->next, run, RETRY_MS, 0);
    }
}

static int on_batch(void *arg, const grocer_kafka_message_t *msgs, int n)
{
    (void)n;   /* a batch of one: see consumer_start below */
    group_t *g = arg;
    g->msg = &msgs[0];
    uv_timer_start(&g->next, run, 0, 0);
    return GROCER_KAFKA_HOLD;
}

static group_t *group_named(grocer_subscriptions_t *s, const char *name)
{
    for (int i = 0; i < s->ngroups; i++)
        if (!strcmp(s->groups[i].name, name)) return &s->groups[i];
    if (s->ngroups == MAX_GROUPS) return NULL;
    group_t *g = &s->groups[s->ngroups++];
    snprintf(g->name, sizeof g->name, "%s", name);
    g->owner = s;
    return g;
}

/* Reads grocer.kafka.subscriptions() of the current generation into groups. -1 on a Lua error. */
static int read_subscriptions(grocer_subscriptions_t *s)
{
    lua_State *L = grocer_runtime_state(s->rt);
    int top = lua_gettop(L);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "grocer.kafka");
    if (lua_pcall(L, 1, 1, 0) != 0 || !lua_istable(L, -1)) {
        grocer_log(GROCER_LOG_ERROR, "kafka", "subscriptions: %s", lua_tostring(L, -1));
        lua_settop(L, top);
        return -1;
    }
    lua_getfield(L, -1, "subscriptions");
    if (lua_pcall(L, 0, 1, 0) != 0 || !lua_istable(L, -1)) {
        grocer_log(GROCER_LOG_ERROR, "kafka", "subscriptions: %s", lua_tostring(L, -1));
        lua_settop(L, top);
        return -1;
    }
    int n = (int)lua_objlen(L, -1);
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        lua_getfield(L, -1, "topic");
        lua_getfield(L, -2, "group");
        const char *topic = lua_tostring(L, -2), *group = lua_tostring(L, -1);
        group_t *g = topic && group ? group_named(s, group) : NULL;
        if (!g || g->ntopics == MAX_TOPICS) {
            grocer_log(GROCER_LOG_ERROR, "kafka", "subscription to %s (group %s) not started: at most %d groups of %d "
                       "topics", topic ? topic : "?", group ? group : "?", MAX_GROUPS, MAX_TOPICS);
        } else {
            g->topics[g->ntopics++] = strdup(topic);
        }
        lua_pop(L, 3);
    }
    lua_settop(L, top);
    return 0;
}

static void free_groups(grocer_subscriptions_t *s)
{
    for (int i = 0; i < s->ngroups; i++)
        for (int t = 0; t < s->groups[i].ntopics; t++) free(s->groups[i].topics[t]);
}

grocer_subscriptions_t *grocer_subscriptions_start(uv_loop_t *loop, const grocer_config_t *cfg, grocer_runtime_t *rt,
                                                   grocer_subscription_stats_t *stats)
{
    if (!grocer_kafka_enabled(cfg) || !rt) return NULL;
    grocer_subscriptions_t *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->rt = rt;
    s->stats = stats ? stats : &s->own_stats;
    if (read_subscriptions(s) < 0 || s->ngroups == 0) {
        free_groups(s);
        free(s);
        return NULL;
    }
    for (int i = 0; i < s->ngroups; i++) {
        group_t *g = &s->groups[i];
        char err[512];
        uv_timer_init(loop, &g->next);
        g->next.data = g;
        g->kafka = grocer_kafka_consumer_start(loop, cfg, g->name, (const char *const *)g->topics, g->ntopics, 1,
                                               on_batch, g, err, sizeof err);
        if (!g->kafka)
            grocer_log(GROCER_LOG_ERROR, "kafka", "group %s: %s; its topics are not consumed", g->name, err);
        else
            grocer_log(GROCER_LOG_DEBUG, "kafka", "group %s consumes %d topic(s) for the app", g->name, g->ntopics);
    }
    return s;
}

void grocer_subscriptions_stop(grocer_subscriptions_t *s)
{
    if (!s || s->stopping) return;
    s->stopping = 1;
    for (int i = 0; i < s->ngroups; i++) {
        group_t *g = &s->groups[i];
        grocer_kafka_stop(g->kafka);
        uv_timer_stop(&g->next);
        uv_close((uv_handle_t *)&g->next, NULL);
    }
}

void grocer_subscriptions_free(grocer_subscriptions_t *s)
{
    if (!s) return;
    for (int i = 0; i < s->ngroups; i++) grocer_kafka_free(s->groups[i].kafka, 0);
    free_groups(s);
    free(s);
}
