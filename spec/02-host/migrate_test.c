/* migrate_test.c: host/migrate.c's statement splitter, which sends a `-- grocer:no-transaction`
 * migration one statement at a time: semicolons inside quotes, identifiers, dollar quotes and
 * comments do not cut, blank and comment-only statements are left out, offsets are exact. The
 * rest of migrate.c needs PostgreSQL: spec/03-integration/10-migrate_spec.lua. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "migrate.h"

static int failures;

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                     \
        }                                                                   \
    } while (0)

#define MAX_STMTS 16

typedef struct got_s {
    const char *sql;
    int n;
    char stmt[MAX_STMTS][256];
    size_t off[MAX_STMTS];
    int stop_after;             /* return -7 from the callback after this many (0: never) */
} got_t;

static int on_statement(void *arg, size_t off, size_t len)
{
    got_t *g = arg;
    if (g->n >= MAX_STMTS) return -1;
    snprintf(g->stmt[g->n], sizeof g->stmt[g->n], "%.*s", (int)len, g->sql + off);
    g->off[g->n] = off;
    g->n++;
    return g->stop_after && g->n >= g->stop_after ? -7 : 0;
}

static got_t split(const char *sql)
{
    got_t g;
    memset(&g, 0, sizeof g);
    g.sql = sql;
    CHECK(grocer__migrate_split(sql, strlen(sql), on_statement, &g) == 0);
    return g;
}

/* The statement without its surrounding blanks. */
static const char *trimmed(got_t *g, int i)
{
    char *s = g->stmt[i];
    while (*s == ' ' || *s == '\n') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n')) s[--n] = '\0';
    return s;
}

int main(void)
{
    got_t g;

    g = split("CREATE TABLE a (x int);\nCREATE TABLE b (y int);\n");
    CHECK(g.n == 2);
    CHECK(!strcmp(trimmed(&g, 0), "CREATE TABLE a (x int)"));
    CHECK(!strcmp(trimmed(&g, 1), "CREATE TABLE b (y int)"));
    CHECK(g.off[0] == 0 && g.off[1] == 23);

    /* a last statement without its semicolon */
    g = split("SELECT 1; SELECT 2");
    CHECK(g.n == 2);
    CHECK(!strcmp(trimmed(&g, 1), "SELECT 2"));

    /* semicolons that do not end a statement */
    g = split("SELECT 'a;b', 'it''s;', \"x;y\", E'\\';', $$;$$, $fn$ a; $$ ; $fn$;\nSELECT 2;");
    CHECK(g.n == 2);
    CHECK(!strcmp(trimmed(&g, 0), "SELECT 'a;b', 'it''s;', \"x;y\", E'\\';', $$;$$, $fn$ a; $$ ; $fn$"));
    CHECK(!strcmp(trimmed(&g, 1), "SELECT 2"));

    /* comments: -- to the end of the line, nested block comments */
    g = split("-- a; comment\nSELECT 1 /* one; /* two; */ still; */ + 1;\n-- only a comment;\n");
    CHECK(g.n == 1);
    CHECK(!strcmp(trimmed(&g, 0), "-- a; comment\nSELECT 1 /* one; /* two; */ still; */ + 1"));

    /* blank and comment-only pieces are left out; the marker line rides with the first statement */
    g = split("-- grocer:no-transaction\n;;  ;\nCREATE INDEX CONCURRENTLY i ON t (x);\n/* bye */\n");
    CHECK(g.n == 1);
    CHECK(!strcmp(trimmed(&g, 0), "CREATE INDEX CONCURRENTLY i ON t (x)"));

    /* $1 and identifiers with $ are not dollar quotes */
    g = split("PREPARE p AS SELECT $1; SELECT a$b$ FROM t;");
    CHECK(g.n == 2);

    /* an unterminated quote runs to the end: one statement, no overrun */
    g = split("SELECT 'open; SELECT 2;");
    CHECK(g.n == 1);

    /* the callback's error stops the split and comes back */
    memset(&g, 0, sizeof g);
    g.sql = "SELECT 1; SELECT 2; SELECT 3;";
    g.stop_after = 2;
    CHECK(grocer__migrate_split(g.sql, strlen(g.sql), on_statement, &g) == -7);
    CHECK(g.n == 2);

    g = split("");
    CHECK(g.n == 0);

    if (failures) {
        fprintf(stderr, "migrate_test: %d check%s failed\n", failures, failures == 1 ? "" : "s");
        return 1;
    }
    printf("migrate_test: ok\n");
    return 0;
}
