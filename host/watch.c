/* watch.c: `grocer serve --watch`, the master's inotify watch of the app folder (see watch.h).
 *
 * DESIGN. One inotify descriptor, non-blocking and O_ASYNC (an event sends SIGIO to the
 * master, which waits for it in sigtimedwait like for an admin client of reload.c). Every
 * folder under scripts/, templates/ and i18n/ gets a watch, kept in a table wd -> path
 * (inotify reports names relative to the watched folder); the app folder itself gets one for
 * these three appearing later. A new folder (created or moved in) is walked and watched, and
 * counts as a change, as its files may already be there. A change only notes the time: once
 * GROCER_WATCH_DEBOUNCE_MS passed without another, the reload starts (reload.c, the SIGHUP
 * path), which logs whether the new generation serves or was refused. Names starting with a
 * dot (editor swap files) are not changes: snapshots skip them too. When the event queue
 * overflows, every folder is watched again and a reload follows. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>
#include "log.h"
#include "metrics.h"
#include "reload.h"
#include "watch.h"

#define TREE_EVENTS (IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB)
#define TOP_EVENTS (IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM)

static const char *const folders[] = {"scripts", "templates", "i18n", NULL};

typedef struct watched_s {
    int wd;
    char *path;             /* malloc'd; freed when the watch goes (IN_IGNORED) or at close */
} watched_t;

static int enabled;
static int inotify_fd = -1;
static int top_wd = -1;     /* the app folder itself */
static watched_t *table;
static size_t ntable, table_cap;
static int pending;
static uint64_t last_change_ms;
static char first_change[PATH_MAX];

void grocer_watch_enable(void) { enabled = 1; }

/* ---- the table of watched folders ---- */

static watched_t *find(int wd)
{
    for (size_t i = 0; i < ntable; i++)
        if (table[i].wd == wd) return &table[i];
    return NULL;
}

static void remember(int wd, const char *path)
{
    watched_t *w = find(wd);
    if (w) { /* the same folder again (a rescan), or a reused descriptor */
        char *copy = strdup(path);
        if (copy) {
            free(w->path);
            w->path = copy;
        }
        return;
    }
    if (ntable == table_cap) {
        size_t cap = table_cap ? 2 * table_cap : 64;
        watched_t *t = realloc(table, cap * sizeof *t);
        if (!t) return;
        table = t;
        table_cap = cap;
    }
    char *copy = strdup(path);
    if (!copy) return;
    table[ntable].wd = wd;
    table[ntable].path = copy;
    ntable++;
}

static void forget(int wd)
{
    watched_t *w = find(wd);
    if (!w) return;
    free(w->path);
    *w = table[--ntable];
}

/* ---- adding watches ---- */

static int is_top_folder(const char *name)
{
    for (int i = 0; folders[i]; i++)
        if (!strcmp(name, folders[i])) return 1;
    return 0;
}

/* Watches path and every folder under it. */
static void watch_tree(const char *path)
{
    int wd = inotify_add_watch(inotify_fd, path, TREE_EVENTS | IN_ONLYDIR);
    if (wd < 0) {
        if (errno != ENOENT && errno != ENOTDIR)
            grocer_log(GROCER_LOG_WARN, "watch", "cannot watch %s: %s", path, strerror(errno));
        return;
    }
    remember(wd, path);
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char sub[PATH_MAX];
        struct stat st;
        int n = snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        if (n < 0 || (size_t)n >= sizeof sub) continue;
        if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) watch_tree(sub);
    }
    closedir(d);
}

static void watch_all(const grocer_config_t *cfg)
{
    top_wd = inotify_add_watch(inotify_fd, cfg->app_dir, TOP_EVENTS | IN_ONLYDIR);
    if (top_wd < 0) grocer_log(GROCER_LOG_WARN, "watch", "cannot watch %s: %s", cfg->app_dir, strerror(errno));
    for (int i = 0; folders[i]; i++) {
        char path[PATH_MAX];
        int n = snprintf(path, sizeof path, "%s/%s", cfg->app_dir, folders[i]);
        if (n > 0 && (size_t)n < sizeof path) watch_tree(path);
    }
}

void grocer_watch_start(const grocer_config_t *cfg)
{
    if (!enabled) return;
    inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (inotify_fd < 0) {
        grocer_log(GROCER_LOG_WARN, "watch", "--watch is off: inotify: %s", strerror(errno));
        return;
    }
    watch_all(cfg);
    /* an event wakes the master's sigtimedwait at once (master.c waits for SIGIO) */
    fcntl(inotify_fd, F_SETOWN, getpid());
    fcntl(inotify_fd, F_SETFL, fcntl(inotify_fd, F_GETFL) | O_ASYNC);
    grocer_log(GROCER_LOG_INFO, "watch", "watching scripts/, templates/ and i18n/ of %s: a change reloads",
               cfg->app_dir);
}

void grocer_watch_close(void)
{
    if (inotify_fd >= 0) close(inotify_fd);
    inotify_fd = -1;
    for (size_t i = 0; i < ntable; i++) free(table[i].path);
    free(table);
    table = NULL;
    ntable = table_cap = 0;
    pending = 0;
}

/* ---- events ---- */

static void note_change(const char *dir, const char *name)
{
    if (!pending) snprintf(first_change, sizeof first_change, "%.3800s/%.255s", dir, name);
    pending = 1;
    last_change_ms = grocer_now_ms();
}

static void on_event(const grocer_config_t *cfg, const struct inotify_event *ev)
{
    if (ev->mask & IN_Q_OVERFLOW) {
        watch_all(cfg);
        note_change(cfg->app_dir, "(many changes)");
        return;
    }
    if (ev->mask & IN_IGNORED) { /* the folder is gone, or was moved away */
        if (ev->wd == top_wd) top_wd = -1;
        else forget(ev->wd);
        return;
    }
    const char *name = ev->len ? ev->name : "";
    if (ev->wd == top_wd) {
        if (!is_top_folder(name)) return;
        char path[PATH_MAX];
        int n = snprintf(path, sizeof path, "%s/%s", cfg->app_dir, name);
        if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) && n > 0 && (size_t)n < sizeof path) watch_tree(path);
        note_change(cfg->app_dir, name);
        return;
    }
    watched_t *w = find(ev->wd);
    if (!w || name[0] == '.') return;
    if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
        char path[PATH_MAX];
        int n = snprintf(path, sizeof path, "%s/%s", w->path, name);
        if (n > 0 && (size_t)n < sizeof path) watch_tree(path);
    }
    note_change(w->path, name);
}

void grocer_watch_poll(const grocer_config_t *cfg)
{
    if (inotify_fd < 0) return;
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t len = read(inotify_fd, buf, sizeof buf);
        if (len <= 0) break;
        for (char *p = buf; p < buf + len;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            on_event(cfg, ev);
            p += sizeof *ev + ev->len;
        }
    }
    if (pending && grocer_now_ms() - last_change_ms >= GROCER_WATCH_DEBOUNCE_MS) {
        pending = 0;
        grocer_log(GROCER_LOG_INFO, "watch", "%s changed: reloading the app", first_change);
        grocer_reload_request(cfg);
    }
}
