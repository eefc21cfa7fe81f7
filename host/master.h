/* master.h: the master process: forks the workers, replaces any that die or stall, turns
 * signals into actions (SIGTERM/SIGINT drain and stop; SIGHUP reloads the app, see reload.h). */
#ifndef GROCER_MASTER_H
#define GROCER_MASTER_H

#include "config.h"

/* A worker that cannot start (bad app, address in use) exits with this; the master gives up
 * instead of restarting it in a loop when no worker has started yet. */
#define GROCER_EXIT_CONFIG 78

/* Runs until the workers have drained after SIGTERM/SIGINT; returns the exit status. */
int grocer_master_run(const grocer_config_t *cfg);

#endif
