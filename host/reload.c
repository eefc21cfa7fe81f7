/* reload.c: hot reload, the master's side and the `grocer reload` client (see reload.h).
 *
 * DESIGN. A reload copies scripts/, templates/ and i18n/ of the app folder into
 * $GROCER_VAR/generations/<n>/ (blocking copies are fine here: the master serves nothing),
 * writes that path, n and a new sequence number into the shared mapping and sends SIGHUP to
 * every running worker. Each worker builds generation n from the snapshot and writes into its
 * slot whether it loaded (or the file:line error), then the sequence number. The master checks
 * the slots on each wake (every 50 ms) until all have answered or RELOAD_WAIT_MS passed, then
 * publishes n as the good generation (a replacement worker starts from it, whatever the folder
 * on disk holds by then) or counts a failure, and answers the admin client: "ok <n>" or
 * "error <text>". Snapshots other than the last two good ones are deleted.
 *
 * The admin socket is a Unix stream socket, one line each way; the master accepts without
 * blocking on each wake (a connection wakes it with SIGIO; while a reload runs it wakes every
 * few milliseconds to see the workers' answers). Static files are not part of a generation
 * (they load at worker start). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "log.h"
#include "metrics.h"
#include "reload.h"

#define RELOAD_WAIT_MS 10000
#define CLIENT_WAIT_MS 15000
#define MAX_CLIENTS 16

static const char *const folders[] = {"scripts", "templates", "i18n", NULL};

static int admin_fd = -1;
static char sock_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
static uint64_t last_number;            /* newest snapshot made */
static uint64_t good[2];                /* the last two good generations, newest first */

static struct {
    int active;
    uint64_t seq, number, deadline_ms;
    pid_t pids[GROCER_MAX_WORKERS];     /* workers asked; 0: not asked */
    char dir[GROCER_RELOAD_PATH_MAX];
    int clients[MAX_CLIENTS];
    int nclients;
} run;

static int queued_clients[MAX_CLIENTS];
static int nqueued;
static int queued_hup;

/* ---- snapshots ---- */

static int copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0) return -1;
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        close(in);
        return -1;
    }
    char buf[65536];
    ssize_t n;
    int rc = 0;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0) {
                if (errno == EINTR) continue;
                rc = -1;
                break;
            }
            off += w;
        }
        if (rc) break;
    }
    if (n < 0) rc = -1;
    close(in);
    if (close(out) < 0) rc = -1;
    return rc;
}

/* out = a/b; -1 when it does not fit. */
static int path_join(char *out, size_t len, const char *a, const char *b)
{
    int n = snprintf(out, len, "%s/%s", a, b);
    return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* Copies the tree at from into to (created), following symbolic links. */
static int copy_tree(const char *from, const char *to, char *err, size_t errlen)
{
    if (mkdir(to, 0755) < 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot create %.900s: %s", to, strerror(errno));
        return -1;
    }
    DIR *d = opendir(from);
    if (!d) {
        snprintf(err, errlen, "cannot read %.900s: %s", from, strerror(errno));
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue; /* ., .., editor and VCS files */
        char src[PATH_MAX], dst[PATH_MAX];
        if (path_join(src, sizeof src, from, e->d_name) < 0 || path_join(dst, sizeof dst, to, e->d_name) < 0) {
            snprintf(err, errlen, "a path under %.900s is too long", from);
            rc = -1;
            break;
        }
        struct stat st;
        if (stat(src, &st) < 0) continue; /* a dangling link */
        if (S_ISDIR(st.st_mode)) {
            rc = copy_tree(src, dst, err, errlen);
        } else if (S_ISREG(st.st_mode) && copy_file(src, dst) < 0) {
            snprintf(err, errlen, "cannot copy %.900s: %s", src, strerror(errno));
            rc = -1;
        }
    }
    closedir(d);
    return rc;
}

static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            char sub[PATH_MAX];
            struct stat st;
            if (path_join(sub, sizeof sub, path, e->d_name) < 0) continue;
            if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)) remove_tree(sub);
            else unlink(sub);
        }
        closedir(d);
    }
    rmdir(path);
}

static int generation_dir(const grocer_config_t *cfg, uint64_t n, char *out, size_t len)
{
    int k = snprintf(out, len, "%s/generations/%llu", cfg->var_dir, (unsigned long long)n);
    return k < 0 || (size_t)k >= len ? -1 : 0;
}

/* Snapshots the app folder as generation n into dir. */
static int snapshot(const grocer_config_t *cfg, uint64_t n, char *dir, size_t dirlen, char *err, size_t errlen)
{
    char base[PATH_MAX];
    if (path_join(base, sizeof base, cfg->var_dir, "generations") < 0 || generation_dir(cfg, n, dir, dirlen) < 0) {
        snprintf(err, errlen, "the path of %.900s/generations is too long", cfg->var_dir);
        return -1;
    }
    mkdir(cfg->var_dir, 0755);
    if (mkdir(base, 0755) < 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot create %.900s: %s", base, strerror(errno));
        return -1;
    }
    remove_tree(dir);
    if (mkdir(dir, 0755) < 0) {
        snprintf(err, errlen, "cannot create %.900s: %s", dir, strerror(errno));
        return -1;
    }
    for (int i = 0; folders[i]; i++) {
        char from[PATH_MAX], to[PATH_MAX];
        struct stat st;
        if (path_join(from, sizeof from, cfg->app_dir, folders[i]) < 0 || path_join(to, sizeof to, dir, folders[i]) < 0)
            continue;
        if (stat(from, &st) < 0 || !S_ISDIR(st.st_mode)) continue;
        if (copy_tree(from, to, err, errlen) < 0) {
            remove_tree(dir);
            return -1;
        }
    }
    return 0;
}

/* Deletes every snapshot but the last two good ones. */
static void prune(const grocer_config_t *cfg)
{
    char base[PATH_MAX];
    if (path_join(base, sizeof base, cfg->var_dir, "generations") < 0) return;
    DIR *d = opendir(base);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char *end;
        unsigned long long n = strtoull(e->d_name, &end, 10);
        if (*end || end == e->d_name) continue;
        if (n == good[0] || n == good[1] || (run.active && n == run.number)) continue;
        char path[PATH_MAX];
        if (path_join(path, sizeof path, base, e->d_name) == 0) remove_tree(path);
    }
    closedir(d);
}

/* Publishes generation n (in dir) as the one workers start from. Seqlock: 0 while writing. */
static void publish_good(uint64_t n, const char *dir)
{
    grocer_shm->good_generation = 0;
    __sync_synchronize();
    snprintf(grocer_shm->good_dir, sizeof grocer_shm->good_dir, "%s", dir);
    __sync_synchronize();
    grocer_shm->good_generation = n;
    if (n != good[0]) {
        good[1] = good[0];
        good[0] = n;
    }
}

/* ---- the admin socket ---- */

static void answer(int fd, const char *text)
{
    if (fd < 0) return;
    size_t len = strlen(text), off = 0;
    while (off < len) {
        ssize_t n = send(fd, text + off, len - off, MSG_NOSIGNAL);
        if (n <= 0) break;
        off += (size_t)n;
    }
    close(fd);
}

void grocer_reload_init(const grocer_config_t *cfg)
{
    char dir[GROCER_RELOAD_PATH_MAX], err[1024];
    /* snapshots of an earlier run are of no use: start from the folder as it is now */
    char base[PATH_MAX];
    if (path_join(base, sizeof base, cfg->var_dir, "generations") == 0) remove_tree(base);
    last_number = 1;
    if (snapshot(cfg, 1, dir, sizeof dir, err, sizeof err) == 0) {
        publish_good(1, dir);
    } else {
        grocer_log(GROCER_LOG_WARN, "reload", "no snapshot of the app (%s); workers load %s itself", err,
                   cfg->app_dir);
        publish_good(1, "");
    }

    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if ((size_t)snprintf(sock_path, sizeof sock_path, "%s/grocer.sock", cfg->var_dir) >= sizeof sock_path) {
        grocer_log(GROCER_LOG_WARN, "reload", "no admin socket: the path under %s is too long", cfg->var_dir);
        sock_path[0] = '\0';
        return;
    }
    memcpy(addr.sun_path, sock_path, sizeof addr.sun_path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    unlink(sock_path);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || chmod(sock_path, 0600) < 0 || listen(fd, 16) < 0) {
        grocer_log(GROCER_LOG_WARN, "reload", "no admin socket at %s: %s", sock_path, strerror(errno));
        close(fd);
        sock_path[0] = '\0';
        return;
    }
    admin_fd = fd;
    /* a client connecting wakes the master's sigtimedwait at once (master.c waits for SIGIO) */
    fcntl(fd, F_SETOWN, getpid());
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_ASYNC);
}

void grocer_reload_close(const grocer_config_t *cfg)
{
    (void)cfg;
    if (admin_fd >= 0) {
        close(admin_fd);
        admin_fd = -1;
        if (sock_path[0]) unlink(sock_path);
    }
    for (int i = 0; i < run.nclients; i++) answer(run.clients[i], "error the server is stopping\n");
    run.nclients = 0;
    for (int i = 0; i < nqueued; i++) answer(queued_clients[i], "error the server is stopping\n");
    nqueued = 0;
}

void grocer_reload_child(void)
{
    if (admin_fd >= 0) close(admin_fd);
    admin_fd = -1;
    for (int i = 0; i < run.nclients; i++) close(run.clients[i]);
    for (int i = 0; i < nqueued; i++) close(queued_clients[i]);
    run.nclients = nqueued = 0;
}

/* Reads the client's one-line request; "" when it sent none in time. */
static void read_request(int fd, char *line, size_t len)
{
    size_t n = 0;
    line[0] = '\0';
    struct pollfd p = {fd, POLLIN, 0};
    while (n + 1 < len && poll(&p, 1, 500) > 0) {
        ssize_t r = recv(fd, line + n, len - 1 - n, 0);
        if (r <= 0) break;
        n += (size_t)r;
        line[n] = '\0';
        if (memchr(line, '\n', n)) break;
    }
    line[strcspn(line, "\r\n")] = '\0';
}

static void accept_clients(const grocer_config_t *cfg)
{
    if (admin_fd < 0) return;
    for (;;) {
        int fd = accept4(admin_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) return;
        char line[PATH_MAX + 16];
        read_request(fd, line, sizeof line);
        if (strncmp(line, "reload", 6) != 0 || (line[6] && line[6] != ' ')) {
            answer(fd, "error unknown admin command (reload)\n");
            continue;
        }
        if (line[6] == ' ') {
            /* the client names the app it means: it must be the one served here */
            char want[PATH_MAX], have[PATH_MAX];
            if (!realpath(line + 7, want) || !realpath(cfg->app_dir, have) || strcmp(want, have) != 0) {
                char msg[3 * PATH_MAX];
                snprintf(msg, sizeof msg, "error this server serves %s, not %s\n", cfg->app_dir, line + 7);
                answer(fd, msg);
                continue;
            }
        }
        if (nqueued == MAX_CLIENTS) {
            answer(fd, "error too many reloads waiting\n");
            continue;
        }
        queued_clients[nqueued++] = fd;
    }
}

/* ---- a reload under way ---- */

static void start(const grocer_config_t *cfg)
{
    char err[1024];
    memcpy(run.clients, queued_clients, sizeof(int) * (size_t)nqueued);
    run.nclients = nqueued;
    nqueued = 0;
    queued_hup = 0;
    uint64_t n = ++last_number;
    if (snapshot(cfg, n, run.dir, sizeof run.dir, err, sizeof err) < 0) {
        grocer_log(GROCER_LOG_ERROR, "reload", "generation %llu: %s", (unsigned long long)n, err);
        grocer_shm->reload_failures++;
        char msg[1100];
        snprintf(msg, sizeof msg, "error %s\n", err);
        for (int i = 0; i < run.nclients; i++) answer(run.clients[i], msg);
        run.nclients = 0;
        return;
    }
    run.active = 1;
    run.number = n;
    run.seq = grocer_shm->reload_seq + 1;
    run.deadline_ms = grocer_now_ms() + RELOAD_WAIT_MS;
    snprintf(grocer_shm->reload_dir, sizeof grocer_shm->reload_dir, "%s", run.dir);
    grocer_shm->reload_generation = n;
    __sync_synchronize();
    grocer_shm->reload_seq = run.seq;
    int asked = 0;
    for (int i = 0; i < grocer_shm->nworkers; i++) {
        grocer_worker_slot_t *ws = &grocer_shm->workers[i];
        run.pids[i] = 0;
        if (ws->pid > 0 && ws->started) {
            run.pids[i] = ws->pid;
            kill(ws->pid, SIGHUP);
            asked++;
        }
    }
    grocer_log(GROCER_LOG_INFO, "reload", "generation %llu: snapshot of %s taken, %d worker%s loading it",
               (unsigned long long)n, cfg->app_dir, asked, asked == 1 ? "" : "s");
}

/* Writes text into out with every occurrence of from replaced by to. */
static void replace_all(char *out, size_t len, const char *text, const char *from, const char *to)
{
    size_t flen = strlen(from), n = 0;
    out[0] = '\0';
    while (*text && n + 1 < len) {
        if (flen && !strncmp(text, from, flen)) {
            n += (size_t)snprintf(out + n, len - n, "%s", to);
            text += flen;
        } else {
            out[n++] = *text++;
            out[n] = '\0';
        }
        if (n >= len) {
            out[len - 1] = '\0';
            break;
        }
    }
}

static void finish(const grocer_config_t *cfg)
{
    int ok = 0, failed = 0, silent = 0;
    char error[GROCER_RELOAD_ERROR_MAX] = "";
    for (int i = 0; i < grocer_shm->nworkers; i++) {
        grocer_worker_slot_t *ws = &grocer_shm->workers[i];
        if (!run.pids[i]) continue;
        if (ws->pid != run.pids[i]) continue; /* died meanwhile: its replacement starts from the good one */
        if (ws->reload_done_seq != run.seq) {
            silent++;
            if (!error[0])
                snprintf(error, sizeof error, "worker %d did not answer within %d s", i, RELOAD_WAIT_MS / 1000);
        } else if (ws->reload_ok) {
            ok++;
        } else {
            if (!failed || !error[0]) snprintf(error, sizeof error, "%s", ws->reload_error);
            failed++;
        }
    }
    char msg[2 * GROCER_RELOAD_ERROR_MAX + 16];
    if (!failed && !silent) {
        publish_good(run.number, run.dir);
        grocer_log(GROCER_LOG_INFO, "reload", "generation %llu serving on %d worker%s", (unsigned long long)run.number,
                   ok, ok == 1 ? "" : "s");
        snprintf(msg, sizeof msg, "ok %llu\n", (unsigned long long)run.number);
        /* a worker started during the reload booted from the previous good generation */
        for (int i = 0; i < grocer_shm->nworkers; i++) {
            grocer_worker_slot_t *ws = &grocer_shm->workers[i];
            if (ws->pid > 0 && ws->started && ws->pid != run.pids[i] && ws->generation != run.number)
                kill(ws->pid, SIGHUP);
        }
    } else {
        /* report paths in the app folder, not in the snapshot */
        char fixed[GROCER_RELOAD_ERROR_MAX + 512];
        replace_all(fixed, sizeof fixed, error, run.dir, cfg->app_dir);
        grocer_shm->reload_failures++;
        if (ok)
            grocer_log(GROCER_LOG_WARN, "reload", "generation %llu loaded on %d worker%s but not on the others",
                       (unsigned long long)run.number, ok, ok == 1 ? "" : "s");
        grocer_log(GROCER_LOG_ERROR, "reload", "generation %llu refused; still serving %llu: %s",
                   (unsigned long long)run.number, (unsigned long long)good[0], fixed);
        char *trace = strstr(fixed, "\nstack traceback:"); /* the log has it; the operator needs file:line */
        if (trace) *trace = '\0';
        for (char *p = fixed; *p; p++)
            if (*p == '\n' || *p == '\t') *p = ' '; /* one line on the wire */
        snprintf(msg, sizeof msg, "error %s\n", fixed);
    }
    run.active = 0;
    prune(cfg); /* before answering: the client may look at var/ next */
    for (int i = 0; i < run.nclients; i++) answer(run.clients[i], msg);
    run.nclients = 0;
}

static int all_answered(void)
{
    for (int i = 0; i < grocer_shm->nworkers; i++) {
        grocer_worker_slot_t *ws = &grocer_shm->workers[i];
        if (run.pids[i] && ws->pid == run.pids[i] && ws->reload_done_seq != run.seq) return 0;
    }
    return 1;
}

int grocer_reload_busy(void) { return run.active || queued_hup || nqueued; }

void grocer_reload_request(const grocer_config_t *cfg)
{
    (void)cfg;
    queued_hup = 1;
}

void grocer_reload_poll(const grocer_config_t *cfg)
{
    accept_clients(cfg);
    if (run.active && (all_answered() || grocer_now_ms() >= run.deadline_ms)) finish(cfg);
    if (!run.active && (queued_hup || nqueued)) start(cfg);
    if (run.active && all_answered()) finish(cfg); /* no worker to ask */
}

/* ---- the client: grocer reload ---- */

int grocer_reload_client(const grocer_config_t *cfg, const char *app, FILE *out, FILE *errout)
{
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if ((size_t)snprintf(addr.sun_path, sizeof addr.sun_path, "%s/grocer.sock", cfg->var_dir) >= sizeof addr.sun_path) {
        fprintf(errout, "grocer reload: the admin socket path under %s is too long\n", cfg->var_dir);
        return 1;
    }
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        fprintf(errout, "grocer reload: no server answers at %s: %s (is grocer serve running with this --var?)\n",
                addr.sun_path, strerror(errno));
        if (fd >= 0) close(fd);
        return 1;
    }
    char req[PATH_MAX + 16];
    /* the app is named only when the operator gave one: the server checks it is its own */
    if (app) snprintf(req, sizeof req, "reload %s\n", app);
    else snprintf(req, sizeof req, "reload\n");
    if (send(fd, req, strlen(req), MSG_NOSIGNAL) < 0) {
        fprintf(errout, "grocer reload: %s\n", strerror(errno));
        close(fd);
        return 1;
    }
    char line[4096];
    size_t n = 0;
    struct pollfd p = {fd, POLLIN, 0};
    while (n + 1 < sizeof line && poll(&p, 1, CLIENT_WAIT_MS) > 0) {
        ssize_t r = recv(fd, line + n, sizeof line - 1 - n, 0);
        if (r <= 0) break;
        n += (size_t)r;
    }
    line[n] = '\0';
    close(fd);
    line[strcspn(line, "\n")] = '\0';
    if (!strncmp(line, "ok ", 3)) {
        fprintf(out, "grocer reload: generation %s serving on every worker\n", line + 3);
        return 0;
    }
    if (!strncmp(line, "error ", 6)) {
        fprintf(errout, "grocer reload: refused, the previous generation still serves: %s\n", line + 6);
        return 1;
    }
    fprintf(errout, "grocer reload: no answer from the server within %d s\n", CLIENT_WAIT_MS / 1000);
    return 1;
}
