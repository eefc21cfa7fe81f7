/* log.c: error/diagnostic log lines on stderr, one write(2) per line so lines from several
 * workers never interleave. Used from every process and thread of the host. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "log.h"

static int log_worker = -1;
static const char *level_names[] = {"debug", "info", "warn", "error"};

void grocer_log_set_worker(int worker) { log_worker = worker; }

void grocer_log(int level, const char *module, const char *fmt, ...)
{
    char line[2048];
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    int n = (int)strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%S", &tm);
    if (log_worker >= 0)
        n += snprintf(line + n, sizeof line - n, ".%03ldZ %s [worker %d] %s: ",
                      ts.tv_nsec / 1000000, level_names[level], log_worker, module);
    else
        n += snprintf(line + n, sizeof line - n, ".%03ldZ %s [master] %s: ",
                      ts.tv_nsec / 1000000, level_names[level], module);
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(line + n, sizeof line - n - 1, fmt, ap);
    va_end(ap);
    if (m < 0) m = 0;
    n += m;
    if (n > (int)sizeof line - 2) n = (int)sizeof line - 2;
    line[n++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, (size_t)n);
    (void)w;
}
