/* main.c: the grocer command line: serve, reload, check, migrate, psql, cluster, version, help. Parses
 * flags into the settings (config.c), finds the database (cluster.c: DATABASE_URL or the private
 * cluster), migrates (migrate.c), and hands over to the master (serve) or the runtime's checker
 * (check). Everything here runs in one process before any worker is forked. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cluster.h"
#include "config.h"
#include "master.h"
#include "migrate.h"
#include "reload.h"
#include "runtime.h"
#include "seed.h"
#include "watch.h"

static const char help_serve[] =
    "grocer serve [--listen HOST:PORT] [--workers N] [--app DIR] [--migrate] [--watch]\n"
    "    Serves HTTP with N worker processes. Without DATABASE_URL it first starts the private\n"
    "    PostgreSQL cluster under GROCER_VAR (creating it if needed), applies pending migrations,\n"
    "    and stops the cluster on exit if it started it. With DATABASE_URL it refuses to start\n"
    "    while migrations are pending, unless --migrate (then it applies them first).\n"
    "    --watch (development): a change under scripts/, templates/ or i18n/ reloads the app as\n"
    "    grocer reload does, 200 ms after the last one; the result is logged.\n";

static const char help_reload[] =
    "grocer reload [--app DIR] [--var DIR]\n"
    "    Asks the server running with this GROCER_VAR to load scripts/, templates/ and i18n/ of its\n"
    "    app folder again (so does SIGHUP to the master). Requests in flight finish on the old code.\n"
    "    Exits 0 once every worker serves the new generation; non-zero with the file:line error\n"
    "    when it fails to load, and then the old code goes on serving. --app, when given, must be\n"
    "    the folder the server serves.\n";

static const char help_check[] =
    "grocer check [--app DIR]\n"
    "    Loads every script, template and message catalog; reports each problem as file:line\n"
    "    and exits 1 if there is one.\n";

static const char help_migrate[] =
    "grocer migrate [up] [--app DIR]\n"
    "    Applies the pending migrations of DIR/migrations (NNNN_name.sql) in order, each in its\n"
    "    own transaction (unless its first line is `-- grocer:no-transaction`), under an advisory\n"
    "    lock. An applied migration whose file changed since is an error.\n"
    "grocer migrate status [--app DIR]\n"
    "    A table of the migrations: applied, pending, CHANGED (exit 1) or no file.\n"
    "grocer migrate new NAME [--app DIR]\n"
    "    Creates DIR/migrations/NNNN_NAME.sql, the next number, with a header comment.\n"
    "  The database is DATABASE_URL, else the private cluster: started for the command and\n"
    "  stopped after it, or the running one (left running).\n";

static const char help_seed[] =
    "grocer seed [--app DIR] [--force]\n"
    "    Loads the demo catalog (scripts/seed: 50,000+ products in Vietnamese and English, brands,\n"
    "    categories, stores and their stock) in one transaction, then running servers reload their\n"
    "    read model. On a database that has a catalog it says so and exits 0; --force empties the\n"
    "    catalog, stores and stock first. Applies pending migrations on the private cluster; with\n"
    "    DATABASE_URL the schema must be up to date. Starts and stops the private cluster as migrate does.\n";

static const char help_psql[] =
    "grocer psql [PSQL ARGS...]\n"
    "    Runs psql on the database in use: DATABASE_URL, else the private cluster (started for\n"
    "    the session if it is not running, and stopped after it).\n";

static const char help_cluster[] =
    "grocer cluster start | stop | status | url | remove\n"
    "    The private PostgreSQL cluster (data in GROCER_VAR/pg, Unix socket in GROCER_VAR; as\n"
    "    root it runs as user postgres, and moves to /var/tmp/grocer-HASH when that user cannot\n"
    "    reach GROCER_VAR or the socket path would be too long).\n"
    "    start   create it if needed, start it if stopped, print its conninfo; it stays running\n"
    "            until grocer cluster stop (a grocer serve that finds it running leaves it so)\n"
    "    stop    stop it, whoever started it\n"
    "    status  where it is and whether it runs (exit 0 running, 3 not)\n"
    "    url     print its conninfo (for DATABASE_URL=$(grocer cluster url))\n"
    "    remove  stop it and delete its data\n";

static void usage(FILE *out)
{
    fprintf(out, "grocer %s: the grocery storefront server\n\nUsage:\n%s%s%s%s%s%s%s"
                 "grocer version\n    Prints the version.\n"
                 "grocer help\n    This text (also: grocer COMMAND --help).\n\n",
            GROCER_VERSION, help_serve, help_reload, help_check, help_migrate, help_seed, help_psql, help_cluster);
    grocer_config_print_help(out);
}

/* ---- flags ---- */

/* Flags shared by the commands (--listen, --workers, --app, --var; also --flag=value), named in
 * allowed as " name name ". --migrate is taken when want_migrate is not NULL. --help prints help
 * (and the settings) and exits. */
static int parse_flags(grocer_config_t *cfg, int argc, char **argv, const char *allowed, const char *help,
                       int *want_migrate)
{
    char err[512];
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            printf("%s\n", help);
            grocer_config_print_help(stdout);
            exit(0);
        }
        if (want_migrate && !strcmp(arg, "--migrate")) {
            *want_migrate = 1;
            continue;
        }
        if (strncmp(arg, "--", 2) != 0) {
            fprintf(stderr, "grocer: unexpected argument '%s' (see grocer --help)\n", arg);
            return -1;
        }
        char name[64];
        const char *value;
        const char *eq = strchr(arg, '=');
        size_t nlen = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
        if (nlen >= sizeof name) nlen = sizeof name - 1;
        memcpy(name, arg + 2, nlen);
        name[nlen] = '\0';
        char token[72];
        snprintf(token, sizeof token, " %s ", name);
        if (!strstr(allowed, token)) {
            fprintf(stderr, "grocer: unknown flag '--%s' (see grocer --help)\n", name);
            return -1;
        }
        if (eq) {
            value = eq + 1;
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            fprintf(stderr, "grocer: --%s needs a value\n", name);
            return -1;
        }
        if (grocer_config_set(cfg, name, value, err, sizeof err) < 0) {
            fprintf(stderr, "grocer: --%s: %s\n", name, err);
            return -1;
        }
    }
    return 0;
}

/* ---- signals while starting ---- */

/* SIGTERM/SIGINT between the start of the private cluster and the master's own handling: noted,
 * acted on once the step under way is done, so the cluster we started is stopped again. */
static volatile sig_atomic_t startup_signal;

static void on_startup_signal(int sig)
{
    startup_signal = sig;
}

static void catch_startup_signals(int on)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on ? on_startup_signal : SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
}

/* Opens the database (cluster.c), printing the error. 0 or -1. */
static int open_db(grocer_config_t *cfg, const char *cmd, int *started)
{
    char err[2048];
    if (grocer_cluster_open(cfg, started, err, sizeof err) < 0) {
        fprintf(stderr, "grocer %s: %s\n", cmd, err);
        return -1;
    }
    return 0;
}

/* ---- serve ---- */

static int cmd_serve(grocer_config_t *cfg, int argc, char **argv)
{
    int want_migrate = 0, started = 0, nflags = 0;
    char err[2048];
    /* --watch is serve's alone: taken out before the shared flags */
    char **flags = calloc((size_t)argc + 1, sizeof *flags);
    if (!flags) return 1;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--watch")) grocer_watch_enable();
        else flags[nflags++] = argv[i];
    }
    int bad = parse_flags(cfg, nflags, flags, " listen workers app var ", help_serve, &want_migrate);
    free(flags);
    if (bad < 0) return 2;
    int private = !cfg->database_url[0];

    catch_startup_signals(1);
    if (open_db(cfg, "serve", &started) < 0) return 1;
    int rc = 0;
    if (private || want_migrate) {
        if (grocer_migrate_up(cfg->database_url, cfg->app_dir, NULL, err, sizeof err) < 0) {
            fprintf(stderr, "grocer serve: migrations failed: %s\n", err);
            rc = 1;
        }
    } else {
        int pending = 0;
        if (grocer_migrate_pending(cfg->database_url, cfg->app_dir, &pending, err, sizeof err) < 0) {
            fprintf(stderr, "grocer serve: cannot check the migrations of %s: %s\n", cfg->app_dir, err);
            rc = 1;
        } else if (pending) {
            fprintf(stderr, "grocer serve: the database is behind: %d migration%s of %s/migrations %s not "
                            "applied; run `grocer migrate` first (or start with --migrate)\n",
                    pending, pending == 1 ? "" : "s", cfg->app_dir, pending == 1 ? "is" : "are");
            rc = 1;
        }
    }
    if (!rc && startup_signal) rc = 128 + startup_signal;
    catch_startup_signals(0);
    if (!rc) rc = grocer_master_run(cfg);
    grocer_cluster_close(cfg, started);
    return rc;
}

/* ---- migrate ---- */

/* migrate up | status | new NAME, once the words are apart from the flags. */
static int run_migrate(grocer_config_t *cfg, const char *sub, const char *name, int argc, char **argv)
{
    char err[2048];
    if (parse_flags(cfg, argc, argv, " app var ", help_migrate, NULL) < 0) return 2;
    if (name) {
        char path[4096];
        if (grocer_migrate_new(cfg->app_dir, name, path, sizeof path, err, sizeof err) < 0) {
            fprintf(stderr, "grocer migrate new: %s\n", err);
            return 1;
        }
        printf("%s\n", path);
        return 0;
    }

    int started = 0, rc;
    catch_startup_signals(1);
    if (open_db(cfg, "migrate", &started) < 0) return 1;
    if (!strcmp(sub, "status")) {
        int changed = grocer_migrate_status(cfg->database_url, cfg->app_dir, stdout, err, sizeof err);
        if (changed < 0) fprintf(stderr, "grocer migrate status: %s\n", err);
        rc = changed != 0;
    } else {
        rc = grocer_migrate_up(cfg->database_url, cfg->app_dir, stdout, err, sizeof err) < 0;
        if (rc) fprintf(stderr, "grocer migrate: %s\n", err);
    }
    grocer_cluster_close(cfg, started);
    catch_startup_signals(0);
    if (startup_signal && !rc) rc = 128 + startup_signal;
    return rc;
}

static int cmd_migrate(grocer_config_t *cfg, int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("%s", help_migrate);
            return 0;
        }
    /* The words (up, status, new NAME) may come before or after the flags. */
    const char *words[3] = {NULL, NULL, NULL};
    char **flags = calloc((size_t)argc + 1, sizeof *flags);
    int nwords = 0, nflags = 0, rc = 2;
    if (!flags) return 1;
    for (int i = 0; i < argc; i++) {
        if (!strncmp(argv[i], "--", 2)) {
            flags[nflags++] = argv[i];
            if (!strchr(argv[i], '=') && i + 1 < argc) flags[nflags++] = argv[++i];
        } else if (nwords < 3) {
            words[nwords++] = argv[i];
        } else {
            fprintf(stderr, "grocer migrate: unexpected argument '%s' (see grocer migrate --help)\n", argv[i]);
            goto done;
        }
    }
    const char *sub = nwords > 0 ? words[0] : "up";
    if (!strcmp(sub, "new")) {
        if (nwords != 2) fprintf(stderr, "grocer migrate new: needs one NAME (say add_stock_reservations)\n");
        else rc = run_migrate(cfg, sub, words[1], nflags, flags);
    } else if (strcmp(sub, "up") && strcmp(sub, "status")) {
        fprintf(stderr, "grocer migrate: unknown subcommand '%s' (up, status or new NAME)\n", sub);
    } else if (nwords > 1) {
        fprintf(stderr, "grocer migrate %s: unexpected argument '%s'\n", sub, words[1]);
    } else {
        rc = run_migrate(cfg, sub, NULL, nflags, flags);
    }
done:
    free(flags);
    return rc;
}

/* ---- seed ---- */

static int cmd_seed(grocer_config_t *cfg, int argc, char **argv)
{
    int force = 0, nflags = 0;
    char err[2048];
    char **flags = calloc((size_t)argc + 1, sizeof *flags);
    if (!flags) return 1;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--force")) force = 1;
        else flags[nflags++] = argv[i];
    }
    int bad = parse_flags(cfg, nflags, flags, " app var ", help_seed, NULL);
    free(flags);
    if (bad < 0) return 2;
    int private = !cfg->database_url[0], started = 0, rc = 0;

    catch_startup_signals(1);
    if (open_db(cfg, "seed", &started) < 0) return 1;
    if (private) {
        if (grocer_migrate_up(cfg->database_url, cfg->app_dir, NULL, err, sizeof err) < 0) {
            fprintf(stderr, "grocer seed: migrations failed: %s\n", err);
            rc = 1;
        }
    } else {
        int pending = 0;
        if (grocer_migrate_pending(cfg->database_url, cfg->app_dir, &pending, err, sizeof err) < 0) {
            fprintf(stderr, "grocer seed: cannot check the migrations of %s: %s\n", cfg->app_dir, err);
            rc = 1;
        } else if (pending) {
            fprintf(stderr, "grocer seed: the database is behind (%d pending migration%s); run `grocer migrate` first\n",
                    pending, pending == 1 ? "" : "s");
            rc = 1;
        }
    }
    if (!rc && grocer_seed(cfg->database_url, cfg->app_dir, force, stdout, err, sizeof err) < 0) {
        fprintf(stderr, "grocer seed: %s\n", err);
        rc = 1;
    }
    grocer_cluster_close(cfg, started);
    catch_startup_signals(0);
    if (startup_signal && !rc) rc = 128 + startup_signal;
    return rc;
}

/* ---- psql ---- */

static int cmd_psql(grocer_config_t *cfg, int argc, char **argv)
{
    if (argc > 0 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
        printf("%s", help_psql);
        return 0;
    }
    int started = 0;
    if (open_db(cfg, "psql", &started) < 0) return 1;
    char psql[4096];
    grocer_cluster_psql(psql, sizeof psql);
    char **args = calloc((size_t)argc + 4, sizeof *args);
    if (!args) return 1;
    args[0] = "psql";
    args[1] = "-d";
    args[2] = cfg->database_url;
    for (int i = 0; i < argc; i++) args[3 + i] = argv[i];
    fflush(stdout);
    fflush(stderr);
    if (!started) {
        execvp(psql, args);
        fprintf(stderr, "grocer psql: cannot run %s: %s (apt-get install postgresql-client)\n", psql, strerror(errno));
        free(args);
        return 127;
    }
    /* We started the cluster for this session: run psql as a child, then stop it. psql handles
     * Ctrl-C itself; this process must outlive it. */
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        execvp(psql, args);
        fprintf(stderr, "grocer psql: cannot run %s: %s (apt-get install postgresql-client)\n", psql, strerror(errno));
        _exit(127);
    }
    int status = 0, rc = 1;
    if (pid > 0) {
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    grocer_cluster_close(cfg, started);
    free(args);
    return rc;
}

/* ---- cluster ---- */

static int cmd_cluster(grocer_config_t *cfg, int argc, char **argv)
{
    char err[2048], url[4096];
    err[0] = '\0';
    if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
        printf("%s", help_cluster);
        return argc < 1 ? 2 : 0;
    }
    const char *sub = argv[0];
    if (parse_flags(cfg, argc - 1, argv + 1, " var ", help_cluster, NULL) < 0) return 2;
    int rc = 0;
    if (!strcmp(sub, "start")) {
        rc = grocer_cluster_start(cfg, url, sizeof url, err, sizeof err);
        if (rc == 0) printf("%s\n", url);
    } else if (!strcmp(sub, "url")) {
        rc = grocer_cluster_url(cfg, url, sizeof url, err, sizeof err);
        if (rc == 0) printf("%s\n", url);
    } else if (!strcmp(sub, "stop")) {
        rc = grocer_cluster_stop(cfg, stdout, err, sizeof err);
    } else if (!strcmp(sub, "status")) {
        rc = grocer_cluster_status(cfg, stdout, err, sizeof err);
        if (rc >= 0) return rc == 1 ? 0 : 3;
    } else if (!strcmp(sub, "remove")) {
        rc = grocer_cluster_remove(cfg, stdout, err, sizeof err);
    } else {
        fprintf(stderr, "grocer cluster: unknown subcommand '%s' (start, stop, status, url or remove)\n", sub);
        return 2;
    }
    if (rc < 0) {
        fprintf(stderr, "grocer cluster %s: %s\n", sub, err);
        return 1;
    }
    return 0;
}

/* ---- main ---- */

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("grocer %s\n", GROCER_VERSION);
        return 0;
    }

    grocer_config_t cfg;
    char err[1024];
    if (grocer_config_load(&cfg, err, sizeof err) < 0) {
        fprintf(stderr, "grocer: %s\n", err);
        return 2;
    }
    if (!strcmp(cmd, "serve")) return cmd_serve(&cfg, argc - 2, argv + 2);
    if (!strcmp(cmd, "migrate")) return cmd_migrate(&cfg, argc - 2, argv + 2);
    if (!strcmp(cmd, "seed")) return cmd_seed(&cfg, argc - 2, argv + 2);
    if (!strcmp(cmd, "psql")) return cmd_psql(&cfg, argc - 2, argv + 2);
    if (!strcmp(cmd, "cluster")) return cmd_cluster(&cfg, argc - 2, argv + 2);
    if (!strcmp(cmd, "reload")) {
        int app_given = 0;
        for (int i = 2; i < argc; i++)
            if (!strcmp(argv[i], "--app") || !strncmp(argv[i], "--app=", 6)) app_given = 1;
        if (parse_flags(&cfg, argc - 2, argv + 2, " app var ", help_reload, NULL) < 0) return 2;
        return grocer_reload_client(&cfg, app_given ? cfg.app_dir : NULL, stdout, stderr);
    }
    if (!strcmp(cmd, "check")) {
        if (parse_flags(&cfg, argc - 2, argv + 2, " app ", help_check, NULL) < 0) return 2;
        int problems = grocer_runtime_check(cfg.app_dir, stderr);
        if (problems) {
            fprintf(stderr, "grocer check: %d problem%s in %s\n", problems, problems == 1 ? "" : "s", cfg.app_dir);
            return 1;
        }
        printf("grocer check: %s is fine\n", cfg.app_dir);
        return 0;
    }
    fprintf(stderr, "grocer: unknown command '%s' (see grocer --help)\n", cmd);
    return 2;
}
