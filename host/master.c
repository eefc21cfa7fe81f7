/* master.c: the master process (see master.h). It runs no event loop and serves nothing: it
 * waits for signals with sigtimedwait, checks the workers' heartbeats in the shared mapping on
 * every wake-up (the watchdog), forks replacements, and moves hot reloads along (reload.c:
 * SIGHUP or a `grocer reload` client on the admin socket, which wakes it with SIGIO; with
 * serve --watch also a change in the app folder, watch.c, which wakes it the same way). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "log.h"
#include "master.h"
#include "metrics.h"
#include "reload.h"
#include "watch.h"
#include "worker.h"

#define WAKE_MS 50
#define RELOAD_WAKE_MS 5
#define KILL_GRACE_MS 5000

typedef struct slot_s {
    pid_t pid;
    uint64_t started_ms;
    uint64_t restart_at_ms;    /* 0: none scheduled */
    int ever_ready;
} slot_t;

static slot_t slots[GROCER_MAX_WORKERS];
static sigset_t master_signals, old_mask;

static pid_t spawn(const grocer_config_t *cfg, int id)
{
    grocer_worker_slot_t *ws = &grocer_shm->workers[id];
    ws->started = 0;
    ws->heartbeat_ms = 0;
    ws->lua_since_ms = 0;
    ws->inflight = 0;
    ws->connections = 0;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        grocer_log(GROCER_LOG_ERROR, "master", "fork failed: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        /* a master killed with SIGKILL must not leave its workers serving */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() == 1) _exit(0);
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        signal(SIGHUP, SIG_IGN);
        signal(SIGCHLD, SIG_DFL);
        grocer_reload_child();
        grocer_watch_close();
        /* SIGTERM, SIGINT and SIGHUP stay blocked until the worker's handlers are in place
         * (grocer_worker_main unblocks them): one sent while it starts then drains it instead
         * of killing it. */
        sigset_t mask = old_mask;
        sigaddset(&mask, SIGTERM);
        sigaddset(&mask, SIGINT);
        sigaddset(&mask, SIGHUP);
        sigprocmask(SIG_SETMASK, &mask, NULL);
        ws->pid = getpid();
        _exit(grocer_worker_main(cfg, id));
    }
    ws->pid = pid;
    slots[id].pid = pid;
    slots[id].started_ms = grocer_now_ms();
    slots[id].restart_at_ms = 0;
    return pid;
}

static int slot_of(pid_t pid, int n)
{
    for (int i = 0; i < n; i++)
        if (slots[i].pid == pid) return i;
    return -1;
}

static void signal_all(int n, int sig)
{
    for (int i = 0; i < n; i++)
        if (slots[i].pid > 0) kill(slots[i].pid, sig);
}

static int alive(int n)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        if (slots[i].pid > 0) k++;
    return k;
}

static void watchdog(const grocer_config_t *cfg, int n)
{
    uint64_t now = grocer_now_ms();
    uint64_t limit = (uint64_t)(cfg->watchdog_timeout * 1000);
    for (int i = 0; i < n; i++) {
        grocer_worker_slot_t *ws = &grocer_shm->workers[i];
        if (slots[i].pid <= 0) continue;
        if (ws->started) slots[i].ever_ready = 1;
        if (!ws->started || !ws->heartbeat_ms || now - ws->heartbeat_ms <= limit) continue;
        char route[GROCER_ROUTE_NAME_MAX];
        memcpy(route, ws->lua_route, sizeof route);
        route[sizeof route - 1] = '\0';
        grocer_log(GROCER_LOG_ERROR, "master",
                   "watchdog: worker %d (pid %d) has not turned its loop for %llu ms%s%s; killing it",
                   i, (int)slots[i].pid, (unsigned long long)(now - ws->heartbeat_ms),
                   ws->lua_since_ms ? ", stuck in Lua on " : "", ws->lua_since_ms ? route : "");
        grocer_shm->watchdog_kills++;
        ws->started = 0;
        kill(slots[i].pid, SIGKILL);
    }
}

int grocer_master_run(const grocer_config_t *cfg)
{
    int n = cfg->workers;
    if (grocer_metrics_init(n) < 0) {
        grocer_log(GROCER_LOG_ERROR, "master", "cannot map the shared metrics: %s", strerror(errno));
        return 1;
    }
    sigemptyset(&master_signals);
    sigaddset(&master_signals, SIGCHLD);
    sigaddset(&master_signals, SIGTERM);
    sigaddset(&master_signals, SIGINT);
    sigaddset(&master_signals, SIGHUP);
    sigaddset(&master_signals, SIGIO); /* an admin client (reload.c), a change (watch.c) */
    sigprocmask(SIG_BLOCK, &master_signals, &old_mask);
    signal(SIGPIPE, SIG_IGN);
    grocer_reload_init(cfg);
    grocer_watch_start(cfg);

    grocer_log(GROCER_LOG_INFO, "master", "grocer %s starting %d workers on %s, app %s", GROCER_VERSION, n,
               cfg->listen, cfg->app_dir);
    for (int i = 0; i < n; i++) spawn(cfg, i);

    int stopping = 0, status_out = 0;
    uint64_t kill_at = 0;
    for (;;) {
        struct timespec wait = {0, (grocer_reload_busy() ? RELOAD_WAKE_MS : WAKE_MS) * 1000000L};
        siginfo_t info;
        int sig = sigtimedwait(&master_signals, &info, &wait);
        uint64_t now = grocer_now_ms();

        if (sig == SIGTERM || sig == SIGINT) {
            if (!stopping) {
                grocer_log(GROCER_LOG_INFO, "master", "%s: draining workers (up to %g s)",
                           sig == SIGTERM ? "SIGTERM" : "SIGINT", cfg->drain_timeout);
                stopping = 1;
                kill_at = now + (uint64_t)(cfg->drain_timeout * 1000) + KILL_GRACE_MS;
                signal_all(n, SIGTERM);
            }
        } else if (sig == SIGHUP) {
            if (!stopping) {
                grocer_log(GROCER_LOG_INFO, "master", "SIGHUP: reloading the app");
                grocer_reload_request(cfg);
            }
        }

        /* Reap every exited worker, whatever woke us. */
        pid_t pid;
        int status;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            int i = slot_of(pid, n);
            if (i < 0) continue;
            grocer_shm->workers[i].pid = 0;
            grocer_shm->workers[i].started = 0;
            slots[i].pid = 0;
            if (stopping) {
                if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) status_out = 1;
                continue;
            }
            if (WIFEXITED(status) && WEXITSTATUS(status) == GROCER_EXIT_CONFIG && !slots[i].ever_ready) {
                grocer_log(GROCER_LOG_ERROR, "master", "worker %d could not start (see above); stopping", i);
                stopping = 1;
                status_out = 1;
                kill_at = now + KILL_GRACE_MS;
                signal_all(n, SIGTERM);
                continue;
            }
            if (WIFSIGNALED(status))
                grocer_log(GROCER_LOG_ERROR, "master", "worker %d (pid %d) killed by signal %d; replacing it", i,
                           (int)pid, WTERMSIG(status));
            else
                grocer_log(GROCER_LOG_ERROR, "master", "worker %d (pid %d) exited with status %d; replacing it", i,
                           (int)pid, WEXITSTATUS(status));
            grocer_shm->worker_restarts++;
            /* A worker that dies right after starting is restarted after a pause, not in a loop. */
            slots[i].restart_at_ms = now - slots[i].started_ms < 1000 ? now + 500 : now;
        }

        if (!stopping) {
            for (int i = 0; i < n; i++)
                if (slots[i].pid == 0 && slots[i].restart_at_ms && now >= slots[i].restart_at_ms) spawn(cfg, i);
            watchdog(cfg, n);
            grocer_watch_poll(cfg);
            grocer_reload_poll(cfg);
        } else {
            if (alive(n) == 0) break;
            if (now >= kill_at) {
                grocer_log(GROCER_LOG_WARN, "master", "workers still running after the drain timeout; killing them");
                signal_all(n, SIGKILL);
                status_out = 1;
                kill_at = now + 60000;
            }
        }
    }
    grocer_watch_close();
    grocer_reload_close(cfg);
    grocer_log(GROCER_LOG_INFO, "master", "stopped");
    return status_out;
}
