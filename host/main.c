/* main.c: the grocer command line: serve, check, version, help. Parses flags into the settings
 * (config.c) and hands over to the master (serve) or the runtime's checker (check). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "master.h"
#include "runtime.h"

static void usage(FILE *out)
{
    fprintf(out,
            "grocer %s: the grocery storefront server\n\n"
            "Usage:\n"
            "  grocer serve [--listen HOST:PORT] [--workers N] [--app DIR]\n"
            "                     serve HTTP with N worker processes\n"
            "  grocer check [--app DIR]\n"
            "                     load every script, template and message catalog; report\n"
            "                     each problem as file:line and exit 1 if there is one\n"
            "  grocer version     print the version\n"
            "  grocer help        this text (also: grocer COMMAND --help)\n\n",
            GROCER_VERSION);
    grocer_config_print_help(out);
}

/* Flags shared by the commands: --listen, --workers, --app (also as --flag=value). */
static int parse_flags(grocer_config_t *cfg, int argc, char **argv, const char *allowed)
{
    char err[512];
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            usage(stdout);
            exit(0);
        }
        if (strncmp(arg, "--", 2) != 0) {
            fprintf(stderr, "grocer: unexpected argument '%s' (see grocer --help)\n", arg);
            return -1;
        }
        char name[64];
        const char *value;
        const char *eq = strchr(arg, '=');
        size_t nlen = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
        if (nlen >= sizeof name) nlen = sizeof name - 1;
        memcpy(name, arg + 2, nlen);
        name[nlen] = '\0';
        char token[72];
        snprintf(token, sizeof token, " %s ", name);
        if (!strstr(allowed, token)) {
            fprintf(stderr, "grocer: unknown flag '--%s' (see grocer --help)\n", name);
            return -1;
        }
        if (eq) {
            value = eq + 1;
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            fprintf(stderr, "grocer: --%s needs a value\n", name);
            return -1;
        }
        if (grocer_config_set(cfg, name, value, err, sizeof err) < 0) {
            fprintf(stderr, "grocer: --%s: %s\n", name, err);
            return -1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("grocer %s\n", GROCER_VERSION);
        return 0;
    }

    grocer_config_t cfg;
    char err[1024];
    if (grocer_config_load(&cfg, err, sizeof err) < 0) {
        fprintf(stderr, "grocer: %s\n", err);
        return 2;
    }
    if (!strcmp(cmd, "serve")) {
        if (parse_flags(&cfg, argc - 2, argv + 2, " listen workers app ") < 0) return 2;
        return grocer_master_run(&cfg);
    }
    if (!strcmp(cmd, "check")) {
        if (parse_flags(&cfg, argc - 2, argv + 2, " app ") < 0) return 2;
        int problems = grocer_runtime_check(cfg.app_dir, stderr);
        if (problems) {
            fprintf(stderr, "grocer check: %d problem%s in %s\n", problems, problems == 1 ? "" : "s", cfg.app_dir);
            return 1;
        }
        printf("grocer check: %s is fine\n", cfg.app_dir);
        return 0;
    }
    fprintf(stderr, "grocer: unknown command '%s' (see grocer --help)\n", cmd);
    return 2;
}
