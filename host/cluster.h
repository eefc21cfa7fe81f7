/* cluster.h: the private PostgreSQL cluster that grocer starts when DATABASE_URL is unset.
 * Everything here blocks (fork/exec of initdb and pg_ctl, one libpq connection): it runs at
 * command-line time, in the process that will become the master, before any worker exists. */
#ifndef GROCER_CLUSTER_H
#define GROCER_CLUSTER_H

#include <stddef.h>
#include <stdio.h>
#include "config.h"

/* The port in the socket's name (.s.PGSQL.5432). There is no TCP listener: listen_addresses = ''. */
#define GROCER_CLUSTER_PORT 5432
/* The database every command uses, and the superuser initdb creates. */
#define GROCER_CLUSTER_DB "grocer"
#define GROCER_CLUSTER_USER "grocer"

/* With cfg->database_url set: does nothing, *started_here = 0. Otherwise creates the private
 * cluster if there is none (initdb), starts it if it is not running (pg_ctl -w), creates the
 * database if missing and writes the conninfo into cfg->database_url. *started_here is 1 when
 * this process started the cluster (or took over one left running by a process that died): the
 * caller must then call grocer_cluster_close before exiting. Returns 0, or -1 with err set. */
int grocer_cluster_open(grocer_config_t *cfg, int *started_here, char *err, size_t errlen);

/* Stops the private cluster (pg_ctl stop -m fast) if started_here; does nothing otherwise.
 * Logs, does not fail: it runs on the way out. */
void grocer_cluster_close(const grocer_config_t *cfg, int started_here);

/* ---- the `grocer cluster` command ---- */

/* Like grocer_cluster_open, but leaves the cluster running for whoever comes next: no process
 * owns it, so no serve or migrate stops it. Writes the conninfo into conninfo. 0 or -1. */
int grocer_cluster_start(const grocer_config_t *cfg, char *conninfo, size_t len, char *err, size_t errlen);

/* Stops the private cluster whoever started it. 0 (stopped, or was not running) or -1. */
int grocer_cluster_stop(const grocer_config_t *cfg, FILE *out, char *err, size_t errlen);

/* Prints where the cluster lives and whether it runs. Returns 1 when running, 0 when not, -1 on
 * error. */
int grocer_cluster_status(const grocer_config_t *cfg, FILE *out, char *err, size_t errlen);

/* The conninfo of the private cluster (whether or not it runs). 0 or -1. */
int grocer_cluster_url(const grocer_config_t *cfg, char *conninfo, size_t len, char *err, size_t errlen);

/* Stops the cluster and deletes its data (var/pg, or its folder under /var/tmp). 0 or -1. */
int grocer_cluster_remove(const grocer_config_t *cfg, FILE *out, char *err, size_t errlen);

/* The psql to run on the cluster's database: the one beside the server binaries when there are
 * some, else "psql" (looked up in PATH). Writes into path. */
void grocer_cluster_psql(char *path, size_t len);

#endif
