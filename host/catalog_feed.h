/* catalog_feed.h: the worker's catalog feed: one PostgreSQL connection of its own that loads the
 * read model (catalog.h) at start and applies every change NOTIFYed on grocer_changes, catching up
 * by seq after an outage. Runs on the worker's loop, never blocks it. */
#ifndef GROCER_CATALOG_FEED_H
#define GROCER_CATALOG_FEED_H

#include <uv.h>

typedef struct grocer_catalog_feed_s grocer_catalog_feed_t;

/* Starts the feed against conninfo (NULL or empty: no database, no feed, NULL). */
grocer_catalog_feed_t *grocer_catalog_feed_start(uv_loop_t *loop, const char *conninfo);
/* Stops it: closes its connection and handles (the loop finishes closing them). */
void grocer_catalog_feed_stop(grocer_catalog_feed_t *f);
/* After the loop has ended: frees the feed and the catalogs. */
void grocer_catalog_feed_free(grocer_catalog_feed_t *f);
/* Ready to serve pages: the catalog is loaded, or there is none to load (no feed, no tables). */
int grocer_catalog_feed_ready(const grocer_catalog_feed_t *f);

#endif
