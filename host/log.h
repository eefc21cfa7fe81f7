/* log.h: the one logging function of the host. Lines go to stderr as
 * "TIME LEVEL [worker N] module: message"; the access log (stdout) is http.c's. */
#ifndef GROCER_LOG_H
#define GROCER_LOG_H

enum { GROCER_LOG_DEBUG, GROCER_LOG_INFO, GROCER_LOG_WARN, GROCER_LOG_ERROR };

/* Which process speaks: -1 for the master, else the worker's slot. */
void grocer_log_set_worker(int worker);
void grocer_log(int level, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
