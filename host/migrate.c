/* migrate.c: the app's SQL migrations (see migrate.h): reading migrations/NNNN_name.sql, their
 * SHA-256 (OpenSSL EVP), the table grocer_migrations, applying, status and `migrate new`. Starting
 * the database it talks to is cluster.c's; the CLI is main.c's. Blocking libpq, one connection,
 * at command-line time only.
 *
 * DESIGN. A transactional migration is sent whole, between BEGIN and COMMIT, with the INSERT that
 * records it inside the same transaction: it is applied and recorded, or neither. A file whose
 * first line is `-- grocer:no-transaction` is cut at its top-level semicolons (quotes, comments
 * and dollar quotes are skipped) and sent statement by statement, since CREATE INDEX CONCURRENTLY
 * refuses even the implicit transaction of a multi-statement query; it is recorded after its last
 * statement, so a failure half-way leaves it pending and it must be safe to run again
 * (IF NOT EXISTS). `up` holds a session advisory lock while it works: a second pod starting at
 * the same moment waits, then finds nothing to apply. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "log.h"
#include "migrate.h"

#define NO_TX_MARK "-- grocer:no-transaction"
#define TABLE "grocer_migrations"

typedef struct migration_s {
    int version;
    char file[NAME_MAX + 1];        /* 0001_outbox.sql */
    char name[NAME_MAX + 1];        /* outbox */
    char checksum[65];              /* hex SHA-256 of the file's bytes */
    char *sql;
    size_t len;
    int no_tx;
    /* from grocer_migrations */
    int applied;
    char db_name[NAME_MAX + 1];
    char db_checksum[65];
    char applied_at[64];
} migration_t;

typedef struct set_s {
    char dir[PATH_MAX];             /* app_dir/migrations */
    migration_t *m;                 /* files, by version */
    int n;
    migration_t *gone;              /* recorded in the table, no file */
    int ngone;
} set_t;


/* ---- the files ---- */

static void set_free(set_t *s)
{
    for (int i = 0; i < s->n; i++) free(s->m[i].sql);
    free(s->m);
    free(s->gone);
    memset(s, 0, sizeof *s);
}

static int sha256_hex(const char *data, size_t len, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (!EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) || mdlen != 32) return -1;
    for (unsigned i = 0; i < mdlen; i++) snprintf(out + 2 * i, 3, "%02x", md[i]);
    return 0;
}

/* NNNN_name.sql: the version and the name, or -1. */
static int parse_name(const char *file, int *version, char *name, size_t namelen)
{
    const char *p = file;
    long v = 0;
    if (!isdigit((unsigned char)*p)) return -1;
    while (isdigit((unsigned char)*p)) {
        v = v * 10 + (*p++ - '0');
        if (v > INT_MAX) return -1;
    }
    if (*p++ != '_' || v < 1) return -1;
    size_t len = strlen(p);
    if (len <= 4 || strcmp(p + len - 4, ".sql") != 0) return -1;
    len -= 4;
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)p[i]) && p[i] != '_' && p[i] != '-') return -1;
    if (len >= namelen) return -1;
    memcpy(name, p, len);
    name[len] = '\0';
    *version = (int)v;
    return 0;
}

static int read_whole(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf) break;
        if (n == cap) {
            char *p = realloc(buf, cap * 2 + 1);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) break;
    }
    int bad = ferror(f) || !buf;
    fclose(f);
    if (bad) {
        free(buf);
        errno = errno ? errno : EIO;
        return -1;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

static int by_version(const void *a, const void *b)
{
    const migration_t *x = a, *y = b;
    return (x->version > y->version) - (x->version < y->version);
}

/* Reads every NNNN_name.sql of app_dir/migrations (none when the folder is missing). */
static int load_files(const char *app_dir, set_t *s, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    snprintf(s->dir, sizeof s->dir, "%s/migrations", app_dir);
    DIR *d = opendir(s->dir);
    if (!d) {
        if (errno == ENOENT) return 0;
        snprintf(err, errlen, "cannot read %s: %s", s->dir, strerror(errno));
        return -1;
    }
    int cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *f = e->d_name;
        size_t fl = strlen(f);
        if (f[0] == '.' || fl < 4 || strcmp(f + fl - 4, ".sql") != 0) continue;
        if (s->n == cap) {
            cap = cap ? cap * 2 : 16;
            migration_t *p = realloc(s->m, (size_t)cap * sizeof *p);
            if (!p) {
                snprintf(err, errlen, "out of memory");
                goto fail;
            }
            s->m = p;
        }
        migration_t *m = &s->m[s->n];
        memset(m, 0, sizeof *m);
        if (parse_name(f, &m->version, m->name, sizeof m->name) < 0) {
            snprintf(err, errlen, "%s/%s: a migration is named NNNN_name.sql (digits, '_', then letters, "
                     "digits, '_' or '-')", s->dir, f);
            goto fail;
        }
        snprintf(m->file, sizeof m->file, "%s", f);
        char path[PATH_MAX + NAME_MAX + 2];
        snprintf(path, sizeof path, "%s/%s", s->dir, f);
        if (read_whole(path, &m->sql, &m->len) < 0) {
            snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
            goto fail;
        }
        s->n++;
        if (sha256_hex(m->sql, m->len, m->checksum) < 0) {
            snprintf(err, errlen, "SHA-256 of %s failed (OpenSSL)", path);
            goto fail;
        }
        size_t first = strcspn(m->sql, "\n");
        while (first > 0 && isspace((unsigned char)m->sql[first - 1])) first--;
        m->no_tx = first == strlen(NO_TX_MARK) && !memcmp(m->sql, NO_TX_MARK, first);
    }
    closedir(d);
    d = NULL;
    qsort(s->m, (size_t)s->n, sizeof *s->m, by_version);
    for (int i = 1; i < s->n; i++)
        if (s->m[i].version == s->m[i - 1].version) {
            snprintf(err, errlen, "%s: %s and %s have the same number", s->dir, s->m[i - 1].file, s->m[i].file);
            goto fail;
        }
    return 0;

fail:
    if (d) closedir(d);
    set_free(s);
    return -1;
}


/* ---- the database ---- */

static void on_notice(void *arg, const char *message)
{
    (void)arg;
    fprintf(stderr, "grocer migrate: %s", message);
}

static PGconn *connect_db(const char *conninfo, char *err, size_t errlen)
{
    /* Keywords after dbname would override the URL's: connect_timeout and the name go first. */
    const char *keys[] = {"connect_timeout", "fallback_application_name", "dbname", NULL};
    const char *vals[] = {"10", "grocer migrate", conninfo, NULL};
    PGconn *conn = PQconnectdbParams(keys, vals, 1);
    if (!conn || PQstatus(conn) != CONNECTION_OK) {
        snprintf(err, errlen, "cannot connect to PostgreSQL: %s", conn ? PQerrorMessage(conn) : "out of memory");
        size_t n = strlen(err);
        while (n && (err[n - 1] == '\n' || err[n - 1] == ' ')) err[--n] = '\0';
        PQfinish(conn);
        return NULL;
    }
    PQsetNoticeProcessor(conn, on_notice, NULL);
    PQclear(PQexec(conn, "SET client_min_messages = warning"));
    return conn;
}

/* PostgreSQL's message without its trailing newline. */
static const char *pg_message(PGconn *conn, char *buf, size_t len)
{
    snprintf(buf, len, "%s", PQerrorMessage(conn));
    size_t n = strlen(buf);
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' ')) buf[--n] = '\0';
    return buf;
}

/* Runs sql (no parameters) and checks it did not fail; clears the result. 0 or -1. */
static int exec_ok(PGconn *conn, const char *sql, char *err, size_t errlen)
{
    PGresult *r = PQexec(conn, sql);
    ExecStatusType st = PQresultStatus(r);
    PQclear(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return 0;
    char msg[1024];
    snprintf(err, errlen, "%s: %s", sql, pg_message(conn, msg, sizeof msg));
    return -1;
}

/* Marks the applied ones (and lists recorded versions that have no file). */
static int read_applied(PGconn *conn, set_t *s, char *err, size_t errlen)
{
    char msg[1024];
    PGresult *r = PQexec(conn, "SELECT to_regclass('" TABLE "') IS NOT NULL");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "cannot look for table " TABLE ": %s", pg_message(conn, msg, sizeof msg));
        PQclear(r);
        return -1;
    }
    int has_table = PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    if (!has_table) return 0;
    r = PQexec(conn, "SELECT version, name, checksum, "
                     "to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC' "
                     "FROM " TABLE " ORDER BY version");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "cannot read table " TABLE ": %s", pg_message(conn, msg, sizeof msg));
        PQclear(r);
        return -1;
    }
    int rows = PQntuples(r);
    s->gone = calloc((size_t)(rows ? rows : 1), sizeof *s->gone);
    if (!s->gone) {
        PQclear(r);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (int i = 0; i < rows; i++) {
        int v = atoi(PQgetvalue(r, i, 0));
        migration_t *m = NULL;
        for (int j = 0; j < s->n; j++)
            if (s->m[j].version == v) m = &s->m[j];
        if (!m) {
            m = &s->gone[s->ngone++];
            m->version = v;
            snprintf(m->name, sizeof m->name, "%s", PQgetvalue(r, i, 1));
        }
        m->applied = 1;
        snprintf(m->db_name, sizeof m->db_name, "%s", PQgetvalue(r, i, 1));
        snprintf(m->db_checksum, sizeof m->db_checksum, "%s", PQgetvalue(r, i, 2));
        snprintf(m->applied_at, sizeof m->applied_at, "%s", PQgetvalue(r, i, 3));
    }
    PQclear(r);
    return 0;
}

static int changed(const migration_t *m)
{
    return m->applied && strcmp(m->checksum, m->db_checksum) != 0;
}

/* -1 with err naming the first applied migration whose file was edited since. */
static int check_unchanged(const set_t *s, char *err, size_t errlen)
{
    for (int i = 0; i < s->n; i++) {
        const migration_t *m = &s->m[i];
        if (!changed(m)) continue;
        snprintf(err, errlen, "%s/%s was changed after it was applied (checksum recorded %.12s…, file now "
                 "%.12s…): an applied migration must not change; restore it and put the change in a new "
                 "one (grocer migrate new NAME)", s->dir, m->file, m->db_checksum, m->checksum);
        return -1;
    }
    return 0;
}


/* ---- applying ---- */

/* The line of sql[0..off) (1-based), plus the line where sql starts in its file. */
static int line_at(const char *sql, size_t off, int first_line)
{
    int line = first_line;
    for (size_t i = 0; i < off && sql[i]; i++)
        if (sql[i] == '\n') line++;
    return line;
}

/* The byte offset of the 1-based character position pos (PostgreSQL counts characters). */
static size_t byte_of_char(const char *sql, size_t len, long pos)
{
    size_t i = 0;
    long chars = 0;
    while (i < len && chars < pos - 1) {
        i++;
        while (i < len && ((unsigned char)sql[i] & 0xC0) == 0x80) i++;
        chars++;
    }
    return i;
}

/* "migrations/0002_x.sql:3: ERROR: message (DETAIL: ..., HINT: ...)". */
static void migration_error(const set_t *s, const migration_t *m, PGresult *r, PGconn *conn,
                            const char *sql, size_t len, int first_line, char *err, size_t errlen)
{
    const char *sev = r ? PQresultErrorField(r, PG_DIAG_SEVERITY) : NULL;
    const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *detail = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL) : NULL;
    const char *hint = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_HINT) : NULL;
    const char *pos = r ? PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION) : NULL;
    char msg[1024];
    int line = pos ? line_at(sql, byte_of_char(sql, len, atol(pos)), first_line) : first_line;
    snprintf(err, errlen, "%s/%s:%d: %s: %s%s%s%s", s->dir, m->file, line, sev ? sev : "ERROR",
             primary ? primary : pg_message(conn, msg, sizeof msg),
             detail ? " (" : "", detail ? detail : "", detail ? ")" : "");
    if (hint) {
        size_t n = strlen(err);
        snprintf(err + n, errlen - n, "; hint: %s", hint);
    }
}

static int record(PGconn *conn, const migration_t *m, char *err, size_t errlen)
{
    char version[16], msg[1024];
    snprintf(version, sizeof version, "%d", m->version);
    const char *params[] = {version, m->name, m->checksum};
    PGresult *r = PQexecParams(conn,
                               "INSERT INTO " TABLE " (version, name, checksum, applied_at) "
                               "VALUES ($1, $2, $3, now())", 3, NULL, params, NULL, NULL, 0);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) snprintf(err, errlen, "cannot record %s in " TABLE ": %s", m->file, pg_message(conn, msg, sizeof msg));
    return ok ? 0 : -1;
}

static int result_ok(PGresult *r)
{
    ExecStatusType st = PQresultStatus(r);
    return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY;
}

static int apply_in_tx(PGconn *conn, const set_t *s, const migration_t *m, char *err, size_t errlen)
{
    if (exec_ok(conn, "BEGIN", err, errlen) < 0) return -1;
    PGresult *r = PQexec(conn, m->sql);
    if (!result_ok(r)) {
        if (PQresultStatus(r) == PGRES_COPY_IN)
            snprintf(err, errlen, "%s/%s: COPY FROM STDIN is not supported in a migration", s->dir, m->file);
        else
            migration_error(s, m, r, conn, m->sql, m->len, 1, err, errlen);
        PQclear(r);
        PQclear(PQexec(conn, "ROLLBACK"));
        return -1;
    }
    PQclear(r);
    if (PQtransactionStatus(conn) != PQTRANS_INTRANS) {
        snprintf(err, errlen, "%s/%s ends its transaction itself (COMMIT or ROLLBACK): each migration is one "
                 "transaction, so remove those, or make its first line " NO_TX_MARK, s->dir, m->file);
        if (PQtransactionStatus(conn) != PQTRANS_IDLE) PQclear(PQexec(conn, "ROLLBACK"));
        return -1;
    }
    if (record(conn, m, err, errlen) < 0 || exec_ok(conn, "COMMIT", err, errlen) < 0) {
        PQclear(PQexec(conn, "ROLLBACK"));
        return -1;
    }
    return 0;
}

static int ident_char(int c)
{
    return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* See migrate.h. A no-transaction migration is sent one statement at a time. */
int grocer__migrate_split(const char *sql, size_t len, grocer__statement_fn fn, void *ctx)
{
    size_t i = 0, start = 0;
    int content = 0;
    while (i < len) {
        char c = sql[i];
        char next = i + 1 < len ? sql[i + 1] : '\0';
        if (c == '-' && next == '-') {
            while (i < len && sql[i] != '\n') i++;
            continue;
        }
        if (c == '/' && next == '*') {
            int depth = 0;
            while (i < len) {
                if (sql[i] == '/' && i + 1 < len && sql[i + 1] == '*') {
                    depth++;
                    i += 2;
                } else if (sql[i] == '*' && i + 1 < len && sql[i + 1] == '/') {
                    i += 2;
                    if (--depth == 0) break;
                } else {
                    i++;
                }
            }
            continue;
        }
        content = content || (c != ';' && !isspace((unsigned char)c));
        if (c == '\'' || c == '"') {
            /* E'...' strings take backslash escapes; '' and "" are the quote itself. */
            int backslash = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                            (i < 2 || !ident_char((unsigned char)sql[i - 2]));
            i++;
            while (i < len) {
                if (backslash && sql[i] == '\\') {
                    i += 2;
                } else if (sql[i] == c) {
                    if (i + 1 < len && sql[i + 1] == c) i += 2;
                    else break;
                } else {
                    i++;
                }
            }
            i++;
            continue;
        }
        if (c == '$' && (i == 0 || !ident_char((unsigned char)sql[i - 1]))) {
            size_t j = i + 1;
            while (j < len && (isalnum((unsigned char)sql[j]) || sql[j] == '_' || (unsigned char)sql[j] >= 0x80)) j++;
            if (j < len && sql[j] == '$' && !isdigit((unsigned char)sql[i + 1])) {
                size_t taglen = j - i + 1;
                const char *tag = sql + i;
                size_t k = j + 1;
                while (k + taglen <= len && memcmp(sql + k, tag, taglen) != 0) k++;
                i = k + taglen <= len ? k + taglen : len;
                continue;
            }
        }
        if (c == ';') {
            int r = content ? fn(ctx, start, i - start) : 0;
            if (r < 0) return r;
            start = i + 1;
            content = 0;
        }
        i++;
    }
    if (!content) return 0;
    int r = fn(ctx, start, len - start);
    return r < 0 ? r : 0;
}

typedef struct stmt_ctx_s {
    PGconn *conn;
    const set_t *s;
    const migration_t *m;
    char *err;
    size_t errlen;
} stmt_ctx_t;

static int on_statement(void *arg, size_t off, size_t len)
{
    stmt_ctx_t *c = arg;
    char *one = malloc(len + 1);
    if (!one) {
        snprintf(c->err, c->errlen, "out of memory");
        return -1;
    }
    memcpy(one, c->m->sql + off, len);
    one[len] = '\0';
    PGresult *r = PQexec(c->conn, one);
    int ok = result_ok(r);
    if (!ok)
        migration_error(c->s, c->m, r, c->conn, one, len, line_at(c->m->sql, off, 1), c->err, c->errlen);
    PQclear(r);
    free(one);
    return ok ? 0 : -1;
}

static int apply_without_tx(PGconn *conn, const set_t *s, const migration_t *m, char *err, size_t errlen)
{
    stmt_ctx_t c = {conn, s, m, err, errlen};
    if (grocer__migrate_split(m->sql, m->len, on_statement, &c) < 0) {
        size_t n = strlen(err);
        snprintf(err + n, errlen - n, " (statements before it stay applied; %s is not recorded and runs "
                 "again from the top: keep it safe to re-run)", m->file);
        return -1;
    }
    if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
        PQclear(PQexec(conn, "ROLLBACK"));
        snprintf(err, errlen, "%s/%s leaves a transaction open", s->dir, m->file);
        return -1;
    }
    return record(conn, m, err, errlen);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A line of progress: on out, or in the log when out is NULL (grocer serve). */
static void say(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(FILE *out, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (out) {
        fprintf(out, "grocer migrate: %s\n", line);
        fflush(out);
    } else {
        grocer_log(GROCER_LOG_INFO, "migrate", "%s", line);
    }
}


/* ---- the public functions ---- */

int grocer_migrate_pending(const char *conninfo, const char *app_dir, int *pending, char *err, size_t errlen)
{
    set_t s;
    *pending = 0;
    if (load_files(app_dir, &s, err, errlen) < 0) return -1;
    PGconn *conn = connect_db(conninfo, err, errlen);
    int rc = -1;
    if (conn && read_applied(conn, &s, err, errlen) == 0 && check_unchanged(&s, err, errlen) == 0) {
        for (int i = 0; i < s.n; i++)
            if (!s.m[i].applied) (*pending)++;
        rc = 0;
    }
    PQfinish(conn);
    set_free(&s);
    return rc;
}

int grocer_migrate_up(const char *conninfo, const char *app_dir, FILE *out, char *err, size_t errlen)
{
    set_t s;
    if (load_files(app_dir, &s, err, errlen) < 0) return -1;
    PGconn *conn = connect_db(conninfo, err, errlen);
    if (!conn) {
        set_free(&s);
        return -1;
    }
    int applied = -1;
    char lock_sql[128], msg[1024];
    snprintf(lock_sql, sizeof lock_sql, "SELECT pg_try_advisory_lock(%lld)", GROCER_MIGRATE_LOCK);
    PGresult *r = PQexec(conn, lock_sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "cannot take the migration lock: %s", pg_message(conn, msg, sizeof msg));
        PQclear(r);
        goto done;
    }
    int got = PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    if (!got) {
        say(out, "waiting for another grocer migrate to finish (advisory lock %lld)", GROCER_MIGRATE_LOCK);
        snprintf(lock_sql, sizeof lock_sql, "SELECT pg_advisory_lock(%lld)", GROCER_MIGRATE_LOCK);
        if (exec_ok(conn, lock_sql, err, errlen) < 0) goto done;
    }
    if (exec_ok(conn, "CREATE TABLE IF NOT EXISTS " TABLE " (version int PRIMARY KEY, name text NOT NULL, "
                      "checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", err, errlen) < 0 ||
        read_applied(conn, &s, err, errlen) < 0 || check_unchanged(&s, err, errlen) < 0)
        goto done;

    int count = 0, before = 0;
    for (int i = 0; i < s.n; i++) before += s.m[i].applied;
    for (int i = 0; i < s.n; i++) {
        migration_t *m = &s.m[i];
        if (m->applied) continue;
        double t0 = now_ms();
        int rc = m->no_tx ? apply_without_tx(conn, &s, m, err, errlen) : apply_in_tx(conn, &s, m, err, errlen);
        if (rc < 0) {
            if (count) say(out, "%d applied before the failure", count);
            goto done;
        }
        m->applied = 1;
        count++;
        say(out, "applied %s%s (%.0f ms)", m->file, m->no_tx ? " without a transaction" : "", now_ms() - t0);
    }
    if (!s.n)
        say(out, "nothing to apply (no migrations in %s)", s.dir);
    else if (!count)
        say(out, "nothing to apply (%d applied)", before);
    else
        say(out, "%d applied, %d in all", count, before + count);
    applied = count;

done:
    PQfinish(conn);     /* also lets go of the advisory lock */
    set_free(&s);
    return applied;
}

int grocer_migrate_status(const char *conninfo, const char *app_dir, FILE *out, char *err, size_t errlen)
{
    set_t s;
    if (load_files(app_dir, &s, err, errlen) < 0) return -1;
    PGconn *conn = connect_db(conninfo, err, errlen);
    if (!conn || read_applied(conn, &s, err, errlen) < 0) {
        PQfinish(conn);
        set_free(&s);
        return -1;
    }
    PQfinish(conn);
    if (!s.n && !s.ngone) {
        fprintf(out, "no migrations in %s\n", s.dir);
        set_free(&s);
        return 0;
    }
    int napplied = 0, npending = 0, nchanged = 0;
    fprintf(out, "%-8s %-40s %-8s %s\n", "version", "file", "state", "applied at");
    /* Files and recorded-only versions, merged in version order. */
    int i = 0, j = 0;
    while (i < s.n || j < s.ngone) {
        const migration_t *m;
        int is_gone = j < s.ngone && (i >= s.n || s.gone[j].version < s.m[i].version);
        m = is_gone ? &s.gone[j++] : &s.m[i++];
        const char *state;
        if (is_gone) {
            state = "no file";
            napplied++;
        } else if (changed(m)) {
            state = "CHANGED";
            nchanged++;
        } else if (m->applied) {
            state = "applied";
            napplied++;
        } else {
            state = "pending";
            npending++;
        }
        char file[NAME_MAX + 16];
        if (is_gone) snprintf(file, sizeof file, "(%s)", m->name);
        else snprintf(file, sizeof file, "%s", m->file);
        fprintf(out, "%04d     %-40s %-8s %s\n", m->version, file, state, m->applied ? m->applied_at : "");
    }
    fprintf(out, "%d applied, %d pending", napplied, npending);
    if (nchanged)
        fprintf(out, ", %d changed after they were applied (restore them; put changes in new migrations)", nchanged);
    fprintf(out, "\n");
    set_free(&s);
    return nchanged;
}

int grocer_migrate_new(const char *app_dir, const char *name, char *path, size_t pathlen, char *err, size_t errlen)
{
    size_t nl = strlen(name);
    if (!nl || nl > 64) {
        snprintf(err, errlen, "a migration name has 1 to 64 characters");
        return -1;
    }
    for (size_t i = 0; i < nl; i++)
        if (!islower((unsigned char)name[i]) && !isdigit((unsigned char)name[i]) && name[i] != '_') {
            snprintf(err, errlen, "'%s': a migration name holds lower-case letters, digits and '_' "
                     "(say add_stock_reservations)", name);
            return -1;
        }
    set_t s;
    if (load_files(app_dir, &s, err, errlen) < 0) return -1;
    int next = s.n ? s.m[s.n - 1].version + 1 : 1;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", s.dir);
    set_free(&s);
    if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot create %s: %s", dir, strerror(errno));
        return -1;
    }
    char file[NAME_MAX + 1];
    snprintf(file, sizeof file, "%04d_%s.sql", next, name);
    snprintf(path, pathlen, "%s/%s", dir, file);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    fprintf(f,
            "-- %s: why this change is needed (one change per file).\n"
            "--\n"
            "-- grocer migrate applies this file once, in a transaction of its own. A statement that\n"
            "-- cannot run in a transaction (CREATE INDEX CONCURRENTLY) needs the very first line to be\n"
            "-- `" NO_TX_MARK "`. Once applied, never edit it: write the next migration.\n"
            "\n",
            file);
    if (fclose(f) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}
