/* cluster.c: the private PostgreSQL cluster (see cluster.h): where it lives, creating it with
 * initdb, starting and stopping it with pg_ctl, creating the grocer database, and who may stop
 * it. It never touches a system cluster: it only runs pg_ctl on its own data folder. Migrations
 * are migrate.c's; the workers' connections are pg.c's. All of it blocks, at command-line time.
 *
 * DESIGN. Where: the data is in $GROCER_VAR/pg and the Unix socket in $GROCER_VAR, with no TCP
 * listener. Two cases move both into a folder of their own, /var/tmp/grocer-<12 hex of the
 * SHA-256 of the absolute var path>, so that every command finds it again from GROCER_VAR alone:
 * the socket path would pass the 107-byte Unix limit, or grocer runs as root (the server then
 * runs as the user `postgres`, initdb refuses root) and `postgres` cannot reach var/ (a checkout
 * under /root).
 * Who stops it: the process that starts it writes its pid into pg.owner beside the socket; only
 * that process stops it (serve on exit, migrate when done). A process that finds the cluster
 * running leaves it alone, unless pg.owner names a process that no longer exists (a serve killed
 * with SIGKILL): then it takes the cluster over and stops it when done, so nothing stays running.
 * `grocer cluster start` leaves no owner: that cluster runs until `grocer cluster stop`.
 * pg.lock (flock) keeps two commands from creating, starting or stopping it at the same time. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glob.h>
#include <grp.h>
#include <libpq-fe.h>
#include <limits.h>
#include <openssl/evp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cluster.h"
#include "log.h"

#define SOCKET_NAME "/.s.PGSQL.5432"
#define UNIX_PATH_LIMIT 107             /* sun_path is 108 bytes with its NUL */
#define OUTSIDE_PREFIX "/var/tmp/grocer-"
#define CONF_MARK "# ---- grocer private cluster (host/cluster.c) ----"

typedef struct layout_s {
    char var[PATH_MAX];         /* absolute GROCER_VAR */
    char base[PATH_MAX];        /* the socket's folder, pg.owner and pg.lock: var, or OUTSIDE_PREFIX... */
    char data[PATH_MAX + 8];    /* base/pg */
    char bindir[PATH_MAX];      /* initdb, pg_ctl; "" until find_bindir */
    char version[16];           /* major version of the binaries */
    int outside;                /* base is under /var/tmp */
    int drop;                   /* we are root: the server's commands run as `user` */
    char user[64];
    uid_t uid;
    gid_t gid;
    int lock_fd;
} layout_t;


/* ---- small tools ---- */

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int mkdir_p(const char *path, mode_t mode)
{
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(tmp, 0755) < 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    if (mkdir(tmp, mode) < 0 && errno != EEXIST) return -1;
    return 0;
}

/* The absolute form of path: realpath when it exists, else its parent's realpath joined with the
 * last part, else the working folder joined lexically. Does not create anything. */
static int absolute(const char *path, char *out, size_t len)
{
    char buf[PATH_MAX], parent[PATH_MAX];
    if (realpath(path, buf)) {
        snprintf(out, len, "%s", buf);
        return 0;
    }
    snprintf(parent, sizeof parent, "%s", path);
    size_t n = strlen(parent);
    while (n > 1 && parent[n - 1] == '/') parent[--n] = '\0';
    char *slash = strrchr(parent, '/');
    const char *last = slash ? slash + 1 : parent;
    char lastbuf[NAME_MAX + 1];
    size_t lastlen = strlen(last);
    if (lastlen >= sizeof lastbuf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(lastbuf, last, lastlen + 1);
    if (slash == parent) snprintf(parent, sizeof parent, "/");
    else if (slash) *slash = '\0';
    else snprintf(parent, sizeof parent, ".");
    if (realpath(parent, buf)) {
        if ((size_t)snprintf(out, len, "%s%s%s", buf, strcmp(buf, "/") ? "/" : "", lastbuf) >= len) return -1;
        return 0;
    }
    if (path[0] == '/') {
        snprintf(out, len, "%s", path);
        return 0;
    }
    if (!getcwd(buf, sizeof buf)) return -1;
    if ((size_t)snprintf(out, len, "%s/%s", buf, path) >= len) return -1;
    return 0;
}

/* Writes v as a conninfo value: bare when it is plain, else quoted with \ before ' and \. */
static size_t conninfo_value(char *out, size_t len, const char *v)
{
    int plain = *v != '\0';
    for (const char *p = v; *p; p++)
        if (*p == ' ' || *p == '\'' || *p == '\\' || *p == '=' || *p == '\t') plain = 0;
    if (plain) return (size_t)snprintf(out, len, "%s", v);
    size_t n = 0;
    if (n + 1 < len) out[n++] = '\'';
    for (const char *p = v; *p && n + 3 < len; p++) {
        if (*p == '\'' || *p == '\\') out[n++] = '\\';
        out[n++] = *p;
    }
    if (n + 1 < len) out[n++] = '\'';
    out[n < len ? n : len - 1] = '\0';
    return n;
}

static void conninfo_of(const layout_t *L, const char *db, char *out, size_t len)
{
    char host[PATH_MAX + 64];
    conninfo_value(host, sizeof host, L->base);
    snprintf(out, len, "host=%s port=%d dbname=%s user=%s", host, GROCER_CLUSTER_PORT, db,
             GROCER_CLUSTER_USER);
}

/* waitpid that goes on through EINTR (a signal handler of main.c may be armed). */
static int wait_child(pid_t pid)
{
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

/* In a child: become the server's user when we are root. Returns 0 or -1 (errno set). */
static int drop_privileges(const layout_t *L)
{
    if (!L->drop) return 0;
    if (initgroups(L->user, L->gid) < 0 || setgid(L->gid) < 0 || setuid(L->uid) < 0) return -1;
    return 0;
}


/* ---- running the server's commands ---- */

/* Runs argv (argv[0] an absolute path) as the server's user, in its own process group (a Ctrl-C
 * on the terminal does not cut initdb in half), with stdin from /dev/null and stdout+stderr
 * captured: the last outlen-1 bytes are left in out. Returns the exit status, 128+signal, or -1
 * when it could not be started. */
static int run(const layout_t *L, char *const argv[], char *out, size_t outlen)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0) return -1;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return -1;
    }
    if (pid == 0) {
        setpgid(0, 0);
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0) dup2(devnull, 0);
        dup2(p[1], 1);
        dup2(p[1], 2);
        close_range(3, ~0U, 0);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        if (drop_privileges(L) < 0) {
            dprintf(2, "cannot become user %s: %s\n", L->user, strerror(errno));
            _exit(126);
        }
        if (chdir("/") < 0) _exit(126);
        execv(argv[0], argv);
        dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(p[1]);
    size_t n = 0;
    char buf[4096];
    for (;;) {
        ssize_t r = read(p[0], buf, sizeof buf);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        if (!out || outlen < 2) continue;
        size_t cap = outlen - 1;
        size_t take = (size_t)r;
        const char *src = buf;
        if (take > cap) {
            src += take - cap;
            take = cap;
        }
        if (n + take > cap) {
            size_t drop = n + take - cap;
            memmove(out, out + drop, n - drop);
            n -= drop;
        }
        memcpy(out + n, src, take);
        n += take;
    }
    close(p[0]);
    if (out && outlen) {
        while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' ')) n--;
        out[n] = '\0';
    }
    return wait_child(pid);
}

/* Whether the server's user may access path with mode (access(2) in a child that became it). */
static int user_can(const layout_t *L, const char *path, int mode)
{
    if (!L->drop) return access(path, mode) == 0;
    pid_t pid = fork();
    if (pid < 0) return 0;
    if (pid == 0) {
        if (drop_privileges(L) < 0) _exit(1);
        _exit(access(path, mode) == 0 ? 0 : 1);
    }
    return wait_child(pid) == 0;
}


/* ---- where the cluster lives ---- */

static int outside_name(const char *var, char *out, size_t len, char *err, size_t errlen)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (!EVP_Digest(var, strlen(var), md, &mdlen, EVP_sha256(), NULL)) {
        snprintf(err, errlen, "SHA-256 failed (OpenSSL)");
        return -1;
    }
    char hex[13];
    for (int i = 0; i < 6; i++) snprintf(hex + 2 * i, 3, "%02x", md[i]);
    snprintf(out, len, OUTSIDE_PREFIX "%s", hex);
    return 0;
}

static int read_pg_version(const char *data, char *out, size_t len)
{
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/PG_VERSION", data);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    int ok = fgets(out, (int)len, f) != NULL;
    fclose(f);
    if (!ok) return -1;
    out[strcspn(out, "\r\n ")] = '\0';
    return 0;
}

/* Whether the server's user can get to var/: search permission on its parent, or on the nearest
 * folder above it that exists (what is missing, mkdir_p makes 0755). var/ itself need not be
 * open to it yet: make_dirs lets its group in. */
static int user_can_reach(const layout_t *L)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", L->var);
    do {
        char *slash = strrchr(dir, '/');
        if (!slash) return 0;
        if (slash == dir) slash[1] = '\0';
        else *slash = '\0';
    } while (!exists(dir));
    return user_can(L, dir, X_OK);
}

/* Fills L from cfg->var_dir. Creates nothing. */
static int resolve(const grocer_config_t *cfg, layout_t *L, char *err, size_t errlen)
{
    memset(L, 0, sizeof *L);
    L->lock_fd = -1;
    if (absolute(cfg->var_dir, L->var, sizeof L->var) < 0) {
        snprintf(err, errlen, "cannot make an absolute path of GROCER_VAR '%s': %s", cfg->var_dir,
                 strerror(errno));
        return -1;
    }
    if (geteuid() == 0) {
        struct passwd *pw = getpwnam("postgres");
        if (!pw) {
            snprintf(err, errlen, "running as root, and there is no user 'postgres' to run PostgreSQL "
                     "(initdb refuses root): apt-get install postgresql, or run grocer as another user");
            return -1;
        }
        L->drop = 1;
        snprintf(L->user, sizeof L->user, "%s", pw->pw_name);
        L->uid = pw->pw_uid;
        L->gid = pw->pw_gid;
    } else {
        L->uid = geteuid();
        L->gid = getegid();
    }

    int fits = strlen(L->var) + strlen(SOCKET_NAME) <= UNIX_PATH_LIMIT;
    int reachable = !L->drop || user_can_reach(L);
    L->outside = !fits || !reachable;
    if (L->outside) {
        if (outside_name(L->var, L->base, sizeof L->base, err, errlen) < 0) return -1;
    } else {
        snprintf(L->base, sizeof L->base, "%s", L->var);
    }
    snprintf(L->data, sizeof L->data, "%s/pg", L->base);

    /* A cluster made by another user (say, before grocer ran as root) keeps running as that user. */
    struct stat st;
    char pgver[16];
    if (L->drop && read_pg_version(L->data, pgver, sizeof pgver) == 0 && stat(L->data, &st) == 0 &&
        st.st_uid != 0 && st.st_uid != L->uid) {
        struct passwd *pw = getpwuid(st.st_uid);
        if (pw) {
            snprintf(L->user, sizeof L->user, "%s", pw->pw_name);
            L->uid = pw->pw_uid;
            L->gid = pw->pw_gid;
        }
    }
    return 0;
}

/* The binaries: /usr/lib/postgresql/<major>/bin with the highest major (or the one `want` names),
 * else the folder of a pg_ctl found in PATH. */
static int find_bindir(layout_t *L, const char *want, char *err, size_t errlen)
{
    glob_t g;
    double best = -1;
    if (glob("/usr/lib/postgresql/*/bin/pg_ctl", 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++) {
            const char *p = g.gl_pathv[i] + strlen("/usr/lib/postgresql/");
            char ver[16];
            size_t vl = strcspn(p, "/");
            if (vl >= sizeof ver) continue;
            memcpy(ver, p, vl);
            ver[vl] = '\0';
            char initdb[PATH_MAX];
            snprintf(initdb, sizeof initdb, "/usr/lib/postgresql/%s/bin/initdb", ver);
            if (access(initdb, X_OK) < 0) continue;
            double v = strtod(ver, NULL);
            if (want ? strcmp(ver, want) == 0 : v > best) {
                best = v;
                snprintf(L->bindir, sizeof L->bindir, "/usr/lib/postgresql/%s/bin", ver);
                snprintf(L->version, sizeof L->version, "%s", ver);
            }
        }
        globfree(&g);
    }
    if (L->bindir[0]) return 0;

    const char *path = getenv("PATH");
    while (path && *path) {
        size_t n = strcspn(path, ":");
        char cand[PATH_MAX], initdb[PATH_MAX];
        snprintf(cand, sizeof cand, "%.*s/pg_ctl", (int)n, path);
        snprintf(initdb, sizeof initdb, "%.*s/initdb", (int)n, path);
        if (n && access(cand, X_OK) == 0 && access(initdb, X_OK) == 0) {
            snprintf(L->bindir, sizeof L->bindir, "%.*s", (int)n, path);
            snprintf(L->version, sizeof L->version, "%s", want ? want : "?");
            return 0;
        }
        path += n;
        if (*path == ':') path++;
    }
    if (want)
        snprintf(err, errlen, "%s was made by PostgreSQL %s, whose server binaries are not installed "
                 "(/usr/lib/postgresql/%s/bin): apt-get install postgresql-%s, or remove that cluster "
                 "with grocer cluster remove", L->data, want, want, want);
    else
        snprintf(err, errlen, "PostgreSQL server binaries (initdb, pg_ctl) not found under "
                 "/usr/lib/postgresql/*/bin: apt-get install postgresql, or set DATABASE_URL to a "
                 "server of your own");
    return -1;
}

/* The binaries for this cluster: those of its PG_VERSION when it exists, else the newest. */
static int bindir_for(layout_t *L, char *err, size_t errlen)
{
    char ver[16];
    if (read_pg_version(L->data, ver, sizeof ver) == 0) return find_bindir(L, ver, err, errlen);
    return find_bindir(L, NULL, err, errlen);
}

/* Makes the folders: var/ (writable by the server's user, for the socket) or the folder under
 * /var/tmp, then pg/ owned by the server's user. */
static int make_dirs(layout_t *L, char *err, size_t errlen)
{
    struct stat st;
    if (mkdir_p(L->var, 0755) < 0) {
        snprintf(err, errlen, "cannot create %s: %s", L->var, strerror(errno));
        return -1;
    }
    if (L->outside) {
        if (mkdir(L->base, 0700) < 0 && errno != EEXIST) {
            snprintf(err, errlen, "cannot create %s: %s", L->base, strerror(errno));
            return -1;
        }
        /* /var/tmp is everyone's: the folder must be a real one, ours or the server user's. */
        if (lstat(L->base, &st) < 0 || !S_ISDIR(st.st_mode) ||
            (st.st_uid != geteuid() && st.st_uid != L->uid)) {
            snprintf(err, errlen, "%s exists and is not a folder of ours (owner uid %d): remove it",
                     L->base, (int)st.st_uid);
            return -1;
        }
        if (L->drop && (chown(L->base, L->uid, L->gid) < 0 || chmod(L->base, 0700) < 0)) {
            snprintf(err, errlen, "cannot give %s to user %s: %s", L->base, L->user, strerror(errno));
            return -1;
        }
        /* Whose it is, for whoever cleans /var/tmp. */
        char note[PATH_MAX + 16];
        snprintf(note, sizeof note, "%s/grocer-var", L->base);
        FILE *f = fopen(note, "w");
        if (f) {
            fprintf(f, "%s\n", L->var);
            fclose(f);
        }
    } else if (L->drop && !user_can(L, L->var, W_OK | X_OK)) {
        /* The socket goes in var/: let the server's group write there. */
        if (stat(L->var, &st) < 0 || chown(L->var, (uid_t)-1, L->gid) < 0 ||
            chmod(L->var, (st.st_mode & 07777) | 0070) < 0) {
            snprintf(err, errlen, "cannot let user %s write its socket in %s: %s", L->user, L->var,
                     strerror(errno));
            return -1;
        }
    }
    if (mkdir(L->data, 0700) < 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot create %s: %s", L->data, strerror(errno));
        return -1;
    }
    if (stat(L->data, &st) < 0) {
        snprintf(err, errlen, "%s: %s", L->data, strerror(errno));
        return -1;
    }
    if (st.st_uid != L->uid) {
        if (!L->drop) {
            snprintf(err, errlen, "%s belongs to uid %d, not to you (uid %d): run grocer as its owner",
                     L->data, (int)st.st_uid, (int)L->uid);
            return -1;
        }
        if (chown(L->data, L->uid, L->gid) < 0) {
            snprintf(err, errlen, "cannot give %s to user %s: %s", L->data, L->user, strerror(errno));
            return -1;
        }
    }
    return 0;
}

static int lock_layout(layout_t *L, char *err, size_t errlen)
{
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/pg.lock", L->base);
    L->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (L->lock_fd < 0) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    while (flock(L->lock_fd, LOCK_EX) < 0) {
        if (errno == EINTR) continue;
        snprintf(err, errlen, "cannot lock %s: %s", path, strerror(errno));
        close(L->lock_fd);
        L->lock_fd = -1;
        return -1;
    }
    return 0;
}

static void unlock_layout(layout_t *L)
{
    if (L->lock_fd >= 0) close(L->lock_fd);
    L->lock_fd = -1;
}


/* ---- owner ---- */

static void owner_path(const layout_t *L, char *out, size_t len)
{
    snprintf(out, len, "%s/pg.owner", L->base);
}

/* The pid in pg.owner, or 0 when there is none. */
static pid_t owner_read(const layout_t *L)
{
    char path[PATH_MAX + 16], buf[32] = "";
    owner_path(L, path, sizeof path);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    if (!fgets(buf, sizeof buf, f)) buf[0] = '\0';
    fclose(f);
    long pid = strtol(buf, NULL, 10);
    return pid > 0 ? (pid_t)pid : 0;
}

static void owner_write(const layout_t *L, pid_t pid)
{
    char path[PATH_MAX + 16];
    owner_path(L, path, sizeof path);
    if (!pid) {
        unlink(path);
        return;
    }
    FILE *f = fopen(path, "w");
    if (!f) {
        grocer_log(GROCER_LOG_WARN, "cluster", "cannot write %s: %s", path, strerror(errno));
        return;
    }
    fprintf(f, "%d\n", (int)pid);
    fclose(f);
}

static int pid_alive(pid_t pid)
{
    return kill(pid, 0) == 0 || errno == EPERM;
}


/* ---- initdb, pg_ctl ---- */

static int cluster_exists(const layout_t *L)
{
    char ver[16];
    return read_pg_version(L->data, ver, sizeof ver) == 0;
}

/* pg_ctl status: 1 running, 0 not, -1 could not tell. */
static int is_running(const layout_t *L)
{
    char pg_ctl[PATH_MAX + 16], out[512];
    snprintf(pg_ctl, sizeof pg_ctl, "%s/pg_ctl", L->bindir);
    char *argv[] = {pg_ctl, "status", "-D", (char *)L->data, NULL};
    int rc = run(L, argv, out, sizeof out);
    if (rc == 0) return 1;
    if (rc == 3 || rc == 4) return 0;
    return -1;
}

static int configure(const layout_t *L, char *err, size_t errlen)
{
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/postgresql.conf", L->data);
    FILE *f = fopen(path, "a");
    if (!f) {
        snprintf(err, errlen, "cannot append to %s: %s", path, strerror(errno));
        return -1;
    }
    fprintf(f,
            "\n" CONF_MARK "\n"
            "# A development cluster: Unix socket only (its folder is given by pg_ctl -o -k),\n"
            "# reachable by its owner only, trust authentication on that socket.\n"
            "listen_addresses = ''\n"
            "port = %d\n"
            "unix_socket_permissions = 0700\n"
            "max_connections = 200\n"
            "shared_buffers = 128MB\n"
            "fsync = on\n"
            "log_line_prefix = '%%m [%%p] %%q%%u@%%d '\n"
            "log_timezone = 'UTC'\n",
            GROCER_CLUSTER_PORT);
    if (fclose(f) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int do_initdb(const layout_t *L, char *err, size_t errlen)
{
    char initdb[PATH_MAX + 16], out[2048];
    snprintf(initdb, sizeof initdb, "%s/initdb", L->bindir);
    char *argv[] = {initdb, "-D", (char *)L->data, "-U", GROCER_CLUSTER_USER, "--auth=trust",
                    "-E", "UTF8", "--locale=C.UTF-8", NULL};
    grocer_log(GROCER_LOG_INFO, "cluster", "creating a PostgreSQL %s cluster in %s%s%s", L->version,
               L->data, L->drop ? " as user " : "", L->drop ? L->user : "");
    int rc = run(L, argv, out, sizeof out);
    if (rc != 0) {
        snprintf(err, errlen, "initdb -D %s failed (exit %d): %s", L->data, rc, out);
        return -1;
    }
    return configure(L, err, errlen);
}

static int do_start(const layout_t *L, char *err, size_t errlen)
{
    char pg_ctl[PATH_MAX + 16], logf[PATH_MAX + 32], opts[PATH_MAX + 64], out[2048];
    if (strchr(L->base, '\'')) {
        snprintf(err, errlen, "the socket folder %s holds a quote: set GROCER_VAR to a plainer path", L->base);
        return -1;
    }
    snprintf(pg_ctl, sizeof pg_ctl, "%s/pg_ctl", L->bindir);
    snprintf(logf, sizeof logf, "%s/postgresql.log", L->data);
    /* pg_ctl puts -o into a /bin/sh command line: the path is single-quoted. */
    snprintf(opts, sizeof opts, "-k '%s' -p %d", L->base, GROCER_CLUSTER_PORT);
    char *argv[] = {pg_ctl, "start", "-D", (char *)L->data, "-l", logf, "-w", "-t", "60", "-s",
                    "-o", opts, NULL};
    int rc = run(L, argv, out, sizeof out);
    if (rc != 0) {
        snprintf(err, errlen, "pg_ctl start -D %s failed (exit %d): %s (see %s)", L->data, rc, out, logf);
        return -1;
    }
    grocer_log(GROCER_LOG_INFO, "cluster", "started PostgreSQL %s on %s%s", L->version, L->base, SOCKET_NAME);
    return 0;
}

static int do_stop(const layout_t *L, char *err, size_t errlen)
{
    char pg_ctl[PATH_MAX + 16], out[2048];
    snprintf(pg_ctl, sizeof pg_ctl, "%s/pg_ctl", L->bindir);
    char *argv[] = {pg_ctl, "stop", "-D", (char *)L->data, "-m", "fast", "-w", "-t", "60", "-s", NULL};
    int rc = run(L, argv, out, sizeof out);
    if (rc != 0) {
        snprintf(err, errlen, "pg_ctl stop -D %s failed (exit %d): %s", L->data, rc, out);
        return -1;
    }
    grocer_log(GROCER_LOG_INFO, "cluster", "stopped PostgreSQL in %s", L->data);
    return 0;
}

/* Creates the database grocer when it is missing. */
static int ensure_database(const layout_t *L, char *err, size_t errlen)
{
    char conninfo[PATH_MAX + 128];
    conninfo_of(L, "postgres", conninfo, sizeof conninfo);
    PGconn *conn = PQconnectdb(conninfo);
    if (PQstatus(conn) != CONNECTION_OK) {
        snprintf(err, errlen, "cannot connect to the private cluster (%s): %s", conninfo, PQerrorMessage(conn));
        PQfinish(conn);
        return -1;
    }
    const char *params[] = {GROCER_CLUSTER_DB};
    PGresult *r = PQexecParams(conn, "SELECT 1 FROM pg_database WHERE datname = $1", 1, NULL, params,
                               NULL, NULL, 0);
    int rc = 0;
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "cannot list databases: %s", PQerrorMessage(conn));
        rc = -1;
    } else if (PQntuples(r) == 0) {
        PQclear(r);
        r = PQexec(conn, "CREATE DATABASE " GROCER_CLUSTER_DB);
        const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !(state && !strcmp(state, "42P04"))) {
            snprintf(err, errlen, "cannot create database %s: %s", GROCER_CLUSTER_DB, PQerrorMessage(conn));
            rc = -1;
        } else {
            grocer_log(GROCER_LOG_INFO, "cluster", "created database %s", GROCER_CLUSTER_DB);
        }
    }
    PQclear(r);
    PQfinish(conn);
    return rc;
}


/* ---- open and close ---- */

/* own: 1 for serve and migrate (stop it when done), 0 for `grocer cluster start` (nobody does). */
static int open_layout(const grocer_config_t *cfg, layout_t *L, int own, int *started_here,
                       char *err, size_t errlen)
{
    *started_here = 0;
    if (resolve(cfg, L, err, errlen) < 0) return -1;
    if (make_dirs(L, err, errlen) < 0) return -1;
    if (lock_layout(L, err, errlen) < 0) return -1;
    if (bindir_for(L, err, errlen) < 0) goto fail;
    if (!cluster_exists(L)) {
        DIR *d = opendir(L->data);
        struct dirent *e;
        int empty = 1;
        while (d && (e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) empty = 0;
        if (d) closedir(d);
        if (!empty) {
            snprintf(err, errlen, "%s is neither empty nor a PostgreSQL cluster: move it away", L->data);
            goto fail;
        }
        if (do_initdb(L, err, errlen) < 0) goto fail;
    }
    int running = is_running(L);
    if (running < 0) {
        snprintf(err, errlen, "pg_ctl status -D %s failed", L->data);
        goto fail;
    }
    if (running) {
        pid_t owner = owner_read(L);
        if (owner > 0 && owner != getpid() && !pid_alive(owner)) {
            /* Its starter died without stopping it: whoever comes next takes it over. */
            grocer_log(GROCER_LOG_INFO, "cluster", "the cluster in %s was left running by pid %d, which is gone; %s",
                       L->data, (int)owner, own ? "taking it over" : "leaving it running");
            owner_write(L, own ? getpid() : 0);
            *started_here = own;
        }
    } else {
        if (do_start(L, err, errlen) < 0) goto fail;
        owner_write(L, own ? getpid() : 0);
        *started_here = own;
    }
    if (ensure_database(L, err, errlen) < 0) goto fail_stop;
    unlock_layout(L);
    return 0;

fail_stop:
    if (*started_here) {
        char e2[512];
        if (do_stop(L, e2, sizeof e2) < 0) grocer_log(GROCER_LOG_ERROR, "cluster", "%s", e2);
        owner_write(L, 0);
        *started_here = 0;
    }
fail:
    unlock_layout(L);
    return -1;
}

int grocer_cluster_open(grocer_config_t *cfg, int *started_here, char *err, size_t errlen)
{
    *started_here = 0;
    if (cfg->database_url[0]) return 0;
    layout_t L;
    if (open_layout(cfg, &L, 1, started_here, err, errlen) < 0) return -1;
    conninfo_of(&L, GROCER_CLUSTER_DB, cfg->database_url, sizeof cfg->database_url);
    return 0;
}

void grocer_cluster_close(const grocer_config_t *cfg, int started_here)
{
    if (!started_here) return;
    layout_t L;
    char err[1024];
    if (resolve(cfg, &L, err, sizeof err) < 0 || lock_layout(&L, err, sizeof err) < 0) {
        grocer_log(GROCER_LOG_ERROR, "cluster", "cannot stop the private cluster: %s", err);
        return;
    }
    if (bindir_for(&L, err, sizeof err) < 0 || do_stop(&L, err, sizeof err) < 0)
        grocer_log(GROCER_LOG_ERROR, "cluster", "cannot stop the private cluster: %s", err);
    else if (owner_read(&L) == getpid())
        owner_write(&L, 0);
    unlock_layout(&L);
}


/* ---- the `grocer cluster` command ---- */

int grocer_cluster_start(const grocer_config_t *cfg, char *conninfo, size_t len, char *err, size_t errlen)
{
    layout_t L;
    int started;
    if (open_layout(cfg, &L, 0, &started, err, errlen) < 0) return -1;
    conninfo_of(&L, GROCER_CLUSTER_DB, conninfo, len);
    return 0;
}

int grocer_cluster_url(const grocer_config_t *cfg, char *conninfo, size_t len, char *err, size_t errlen)
{
    layout_t L;
    if (resolve(cfg, &L, err, errlen) < 0) return -1;
    conninfo_of(&L, GROCER_CLUSTER_DB, conninfo, len);
    return 0;
}

int grocer_cluster_status(const grocer_config_t *cfg, FILE *out, char *err, size_t errlen)
{
    layout_t L;
    char conninfo[PATH_MAX + 128];
    if (resolve(cfg, &L, err, errlen) < 0) return -1;
    conninfo_of(&L, GROCER_CLUSTER_DB, conninfo, sizeof conninfo);
    fprintf(out, "data:    %s\n", L.data);
    fprintf(out, "socket:  %s%s\n", L.base, SOCKET_NAME);
    fprintf(out, "url:     %s\n", conninfo);
    if (!cluster_exists(&L)) {
        fprintf(out, "state:   not created (the first grocer serve, migrate or cluster start creates it)\n");
        return 0;
    }
    if (bindir_for(&L, err, errlen) < 0) return -1;
    fprintf(out, "server:  PostgreSQL %s (%s), runs as %s\n", L.version, L.bindir, L.drop ? L.user : "you");
    fprintf(out, "log:     %s/postgresql.log\n", L.data);
    int running = is_running(&L);
    if (running < 0) {
        snprintf(err, errlen, "pg_ctl status -D %s failed", L.data);
        return -1;
    }
    pid_t owner = running ? owner_read(&L) : 0;
    if (!running)
        fprintf(out, "state:   stopped\n");
    else if (!owner)
        fprintf(out, "state:   running, left running by grocer cluster start (grocer cluster stop stops it)\n");
    else if (pid_alive(owner))
        fprintf(out, "state:   running, started by grocer pid %d, which stops it when it exits\n", (int)owner);
    else
        fprintf(out, "state:   running, started by pid %d, which is gone (the next grocer command takes it over)\n",
                (int)owner);
    return running;
}

int grocer_cluster_stop(const grocer_config_t *cfg, FILE *out, char *err, size_t errlen)
{
    layout_t L;
    if (resolve(cfg, &L, err, errlen) < 0) return -1;
    if (!cluster_exists(&L)) {
        fprintf(out, "grocer cluster: no cluster in %s\n", L.data);
        return 0;
    }
    if (lock_layout(&L, err, errlen) < 0) return -1;
    int rc = 0;
    int running = bindir_for(&L, err, errlen) < 0 ? -1 : is_running(&L);
    if (running < 0) {
        if (!err[0]) snprintf(err, errlen, "pg_ctl status -D %s failed", L.data);
        rc = -1;
    } else if (!running) {
        fprintf(out, "grocer cluster: %s is not running\n", L.data);
    } else if (do_stop(&L, err, errlen) < 0) {
        rc = -1;
    } else {
        fprintf(out, "grocer cluster: stopped %s\n", L.data);
    }
    if (rc == 0) owner_write(&L, 0);
    unlock_layout(&L);
    return rc;
}

static int on_remove(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    int rc = flag == FTW_DP ? rmdir(path) : unlink(path);
    if (rc < 0 && errno != ENOENT) return -1;
    return 0;
}

int grocer_cluster_remove(const grocer_config_t *cfg, FILE *out, char *err, size_t errlen)
{
    layout_t L;
    if (resolve(cfg, &L, err, errlen) < 0) return -1;
    if (!exists(L.data)) {
        fprintf(out, "grocer cluster: no cluster in %s\n", L.data);
        return 0;
    }
    if (!cluster_exists(&L)) {
        /* Not a cluster (a failed initdb leaves an empty folder): remove only an empty one. */
        if (rmdir(L.data) < 0) {
            snprintf(err, errlen, "%s is not a PostgreSQL cluster and not empty: not removing it", L.data);
            return -1;
        }
    } else {
        /* Only a folder made by grocer: its postgresql.conf carries our block. */
        char conf[PATH_MAX + 32], line[256];
        snprintf(conf, sizeof conf, "%s/postgresql.conf", L.data);
        FILE *f = fopen(conf, "r");
        int ours = 0;
        while (f && fgets(line, sizeof line, f))
            if (!strncmp(line, CONF_MARK, strlen(CONF_MARK))) ours = 1;
        if (f) fclose(f);
        if (!ours) {
            snprintf(err, errlen, "%s was not made by grocer (no grocer block in postgresql.conf): not removing it",
                     L.data);
            return -1;
        }
        if (grocer_cluster_stop(cfg, out, err, errlen) < 0) return -1;
        if (nftw(L.data, on_remove, 16, FTW_DEPTH | FTW_PHYS) < 0) {
            snprintf(err, errlen, "cannot remove %s: %s", L.data, strerror(errno));
            return -1;
        }
    }
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/pg.owner", L.base);
    unlink(path);
    snprintf(path, sizeof path, "%s/pg.lock", L.base);
    unlink(path);
    snprintf(path, sizeof path, "%s/grocer-var", L.base);
    unlink(path);
    if (L.outside) rmdir(L.base);
    fprintf(out, "grocer cluster: removed %s\n", L.data);
    return 0;
}

void grocer_cluster_psql(char *path, size_t len)
{
    layout_t L;
    char err[512];
    memset(&L, 0, sizeof L);
    if (find_bindir(&L, NULL, err, sizeof err) == 0) {
        snprintf(path, len, "%s/psql", L.bindir);
        if (access(path, X_OK) == 0) return;
    }
    snprintf(path, len, "psql");
}
