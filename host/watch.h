/* watch.h: `grocer serve --watch` (development): the master watches scripts/, templates/ and
 * i18n/ of the app folder with inotify and, once the files have been quiet for a moment, runs
 * the same reload as SIGHUP (reload.h). Master process only (no loop: polled on each wake of
 * master.c, which an inotify event cuts short with SIGIO). */
#ifndef GROCER_WATCH_H
#define GROCER_WATCH_H

#include "config.h"

/* Quiet time after the last change before the reload starts. */
#define GROCER_WATCH_DEBOUNCE_MS 200

/* main.c, before the master runs: asks for watching (serve --watch). */
void grocer_watch_enable(void);

/* Master, with SIGIO blocked: starts watching cfg->app_dir when enabled. Problems are logged;
 * serving goes on without watching. */
void grocer_watch_start(const grocer_config_t *cfg);

/* Master, on each wake: reads the changes, watches new folders, and asks for a reload
 * (grocer_reload_request) once GROCER_WATCH_DEBOUNCE_MS passed without a change. */
void grocer_watch_poll(const grocer_config_t *cfg);

/* Worker, right after fork; and the master at exit: closes the inotify descriptor. */
void grocer_watch_close(void);

#endif
