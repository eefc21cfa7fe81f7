/* migrate.h: the app's SQL migrations (migrations/NNNN_name.sql), applied in order and recorded
 * in the table grocer_migrations with a SHA-256 of each file. Blocking libpq: it runs at
 * command-line time (grocer migrate, and grocer serve before it forks the workers). */
#ifndef GROCER_MIGRATE_H
#define GROCER_MIGRATE_H

#include <stddef.h>
#include <stdio.h>

/* The key of the session advisory lock that `up` holds while it works. */
#define GROCER_MIGRATE_LOCK 7454142805946031981LL   /* "grocer_m" as a big-endian int64 */

/* How many migrations of app_dir/migrations are not applied to the database at conninfo. Fails
 * (-1, err set) when the database cannot be reached, a file is misnamed, or an applied migration
 * was edited since (err names the file). Reads only: takes no lock, creates no table. */
int grocer_migrate_pending(const char *conninfo, const char *app_dir, int *pending, char *err, size_t errlen);

/* Applies every pending migration in version order, each in its own transaction (unless its first
 * line is `-- grocer:no-transaction`: then statement by statement), under the advisory lock, and
 * prints one line per migration on out (or "nothing to apply"). Returns the number applied, or
 * -1 with err set (naming the file, the line and PostgreSQL's message); migrations applied before
 * the failing one stay applied. */
int grocer_migrate_up(const char *conninfo, const char *app_dir, FILE *out, char *err, size_t errlen);

/* Prints a table of every migration: applied (with when), pending, changed (edited after it was
 * applied) or missing (recorded, no file). Returns the number changed (0 when all is well), or -1. */
int grocer_migrate_status(const char *conninfo, const char *app_dir, FILE *out, char *err, size_t errlen);

/* Creates app_dir/migrations/NNNN_name.sql, the number after the highest one there, with a header
 * comment, and writes its path into path. name: lower-case letters, digits and '_'. 0 or -1. */
int grocer_migrate_new(const char *app_dir, const char *name, char *path, size_t pathlen,
                       char *err, size_t errlen);

/* ---- internal, shared with spec/02-host/migrate_test.c ---- */

/* Cuts sql into statements at its top-level ';' (skipping '...', E'...', "...", $tag$...$tag$,
 * -- and nested comments) and calls fn with each statement's byte offset and length, leaving
 * out statements of blanks and comments only. Stops at fn's first negative return and returns
 * it; else 0. */
typedef int (*grocer__statement_fn)(void *ctx, size_t off, size_t len);
int grocer__migrate_split(const char *sql, size_t len, grocer__statement_fn fn, void *ctx);

#endif
