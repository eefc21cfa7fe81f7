/* reload.h: the master's side of hot reload: snapshots of the app folder under
 * $GROCER_VAR/generations/<n>/, the admin socket $GROCER_VAR/grocer.sock that `grocer reload`
 * talks to, and the bookkeeping that tells every worker to load a snapshot and collects their
 * answers. Master process only (no loop: polled on each wake of master.c); the client side
 * runs in the `grocer reload` process. Workers load snapshots in worker.c/runtime.c. */
#ifndef GROCER_RELOAD_H
#define GROCER_RELOAD_H

#include <stdio.h>
#include "config.h"

/* Master, before forking: snapshots the app folder as generation 1 (the one workers start
 * from) and opens the admin socket. Problems are logged; serving goes on without them. */
void grocer_reload_init(const grocer_config_t *cfg);

/* Master: starts a reload (SIGHUP); a reload under way is not interrupted, the request is
 * run after it. */
void grocer_reload_request(const grocer_config_t *cfg);

/* Master, on each wake: accepts admin clients, moves a reload under way along. */
void grocer_reload_poll(const grocer_config_t *cfg);

/* Master: 1 while a reload runs or waits (the master then wakes more often). */
int grocer_reload_busy(void);

/* Master at exit: closes and removes the admin socket. */
void grocer_reload_close(const grocer_config_t *cfg);

/* Worker, right after fork: closes the master's admin socket descriptors. */
void grocer_reload_child(void);

/* `grocer reload`: asks the master serving cfg->var_dir to reload; app (NULL: not given) must
 * then be the folder it serves. Prints the generation on out or the error on errout. Returns
 * the exit status (0 when every worker runs the new code). */
int grocer_reload_client(const grocer_config_t *cfg, const char *app, FILE *out, FILE *errout);

#endif
