/* seed.h: grocer seed, the demo catalog loader. Runs the app's Lua generator (scripts/seed) in a
 * plain LuaJIT state and streams the rows it makes into PostgreSQL with COPY, in one transaction
 * with the change triggers silenced, then tells every running worker to reload its read model.
 * Blocking libpq: it runs at command-line time, never in a worker. */
#ifndef GROCER_SEED_H
#define GROCER_SEED_H

#include <stddef.h>
#include <stdio.h>

/* Loads the demo catalog of app_dir into the database at conninfo. On a database that already
 * has products it prints so on out and returns 0 without changing anything, unless force (then
 * the catalog, stores and stock are emptied first). Returns 0, or -1 with err set. */
int grocer_seed(const char *conninfo, const char *app_dir, int force, FILE *out, char *err, size_t errlen);

#endif
