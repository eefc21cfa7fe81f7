/* static_test.c: host/static.c against a tree built in a temp folder: loading (dotfiles, links,
 * limits), content types, gzip negotiation, revalidation, methods, and traversal attempts. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include "static.h"

static int failures;

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                     \
        }                                                                   \
    } while (0)

#define STREQ(a, b) ((a) != NULL && strcmp((a), (b)) == 0)

#define MTIME 784111777 /* Sun, 06 Nov 1994 08:49:37 GMT */
#define MTIME_GZ (MTIME + 60)

static char root[] = "/tmp/grocer-static-XXXXXX";

static void put(const char *rel, const char *body, long mtime)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(body, 1, strlen(body), f) != strlen(body) || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
    struct timeval tv[2] = { { mtime, 0 }, { mtime, 0 } };
    utimes(path, tv);
}

static void dir(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    mkdir(path, 0755);
}

static void link_to(const char *target, const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    if (symlink(target, path) != 0) perror(path);
}

/* One request; NULL header strings are absent headers. */
static grocer_static_reply_t ask(const grocer_static_t *st, const char *method, const char *path,
                                 const char *inm, const char *ims, const char *ae)
{
    grocer_static_reply_t r;
    grocer_static_respond(st, method, strlen(method), path, strlen(path), inm, inm ? strlen(inm) : 0,
                          ims, ims ? strlen(ims) : 0, ae, ae ? strlen(ae) : 0, &r);
    return r;
}

static grocer_static_reply_t get(const grocer_static_t *st, const char *path)
{
    return ask(st, "GET", path, NULL, NULL, NULL);
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    return remove(path);
}

static void build_tree(void)
{
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        exit(2);
    }
    put("app.css", "body{}", MTIME);
    put("app.css.gz", "GZBYTES!", MTIME_GZ);
    put("UPPER.CSS", "a{}", MTIME);
    put("noext", "?", MTIME);
    put("font.woff2", "wOF2", MTIME);
    put("data.json", "{}", MTIME);
    put("site.webmanifest", "{}", MTIME);
    put("sp ace.txt", "space", MTIME);
    put("empty.txt", "", MTIME);
    put("back\\slash.txt", "b", MTIME);   /* on disk, yet never served: backslashes are refused */
    put(".hidden", "secret", MTIME);
    dir(".git");
    put(".git/config", "secret", MTIME);
    dir("js");
    put("js/app.js", "let a;", MTIME);
    dir("img");
    put("img/logo.svg", "<svg/>", MTIME);
    put("img/logo.png", "PNG", MTIME);
    link_to("/etc/passwd", "passwd");
    link_to("app.css", "alias.css");         /* inside the tree: followed */
    link_to(".git/config", "config.txt");    /* inside, but a dot folder: skipped */
    link_to("js", "jslink");                 /* a folder: skipped */
    link_to("nowhere", "dangling.txt");      /* skipped */
}

static void test_load(void)
{
    char err[256] = "";
    grocer_static_t *st = grocer_static_load("/tmp/grocer-static-does-not-exist", 1 << 20, err, sizeof err);
    CHECK(st != NULL);
    CHECK(grocer_static_count(st) == 0);
    CHECK(get(st, "app.css").status == 404);
    grocer_static_free(st);

    CHECK(get(NULL, "app.css").status == 404);

    err[0] = '\0';
    CHECK(grocer_static_load(root, 10, err, sizeof err) == NULL); /* 46 bytes over a 10-byte cap */
    CHECK(strstr(err, "limit") != NULL);

    err[0] = '\0';
    CHECK(grocer_static_load("CMakeLists.txt", 1 << 20, err, sizeof err) == NULL); /* not a folder */
    CHECK(err[0] != '\0');
}

static void test_types(const grocer_static_t *st)
{
    grocer_static_reply_t r = get(st, "app.css");
    CHECK(r.status == 200);
    CHECK(STREQ(r.content_type, "text/css; charset=utf-8"));
    CHECK(r.body_len == 6 && r.body && memcmp(r.body, "body{}", 6) == 0);
    CHECK(STREQ(r.etag, "\"2ebc98a1-6\""));
    CHECK(STREQ(r.last_modified, "Sun, 06 Nov 1994 08:49:37 GMT"));
    CHECK(STREQ(r.cache_control, "public, max-age=3600"));
    CHECK(r.content_encoding == NULL);
    CHECK(r.vary_accept_encoding == 1);
    CHECK(r.allow == NULL);

    r = get(st, "js/app.js");
    CHECK(r.status == 200 && STREQ(r.content_type, "text/javascript; charset=utf-8"));
    CHECK(r.vary_accept_encoding == 0);
    CHECK(STREQ(get(st, "UPPER.CSS").content_type, "text/css; charset=utf-8"));
    CHECK(STREQ(get(st, "noext").content_type, "application/octet-stream"));
    CHECK(STREQ(get(st, "font.woff2").content_type, "font/woff2"));
    CHECK(STREQ(get(st, "data.json").content_type, "application/json"));
    CHECK(STREQ(get(st, "site.webmanifest").content_type, "application/manifest+json"));
    CHECK(STREQ(get(st, "img/logo.svg").content_type, "image/svg+xml"));
    CHECK(STREQ(get(st, "img/logo.png").content_type, "image/png"));

    r = get(st, "app.css.gz"); /* asked by its own name: served as is */
    CHECK(r.status == 200 && STREQ(r.content_type, "application/gzip"));
    CHECK(r.content_encoding == NULL && r.body_len == 8);

    r = get(st, "empty.txt");
    CHECK(r.status == 200 && r.body != NULL && r.body_len == 0);
    CHECK(STREQ(r.content_type, "text/plain; charset=utf-8"));

    r = get(st, "alias.css");
    CHECK(r.status == 200 && r.body_len == 6 && memcmp(r.body, "body{}", 6) == 0);
}

static void test_gzip(const grocer_static_t *st)
{
    static const struct { const char *ae; int gzip; } cases[] = {
        { "gzip", 1 },          { "gzip, deflate, br", 1 }, { "br;q=1.0, gzip;q=0.5", 1 },
        { "GZIP", 1 },          { "*", 1 },                 { "deflate , gzip ; q=0.001", 1 },
        { "gzip;q=0", 0 },      { "gzip;q=0.000", 0 },      { "*;q=0", 0 },
        { "br, *;q=0.1, gzip;q=0", 0 }, { "gzipx, deflate", 0 }, { "identity", 0 },
        { "", 0 },              { "gzip;q=", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        grocer_static_reply_t r = ask(st, "GET", "app.css", NULL, NULL, cases[i].ae);
        if (r.status != 200 || (r.content_encoding != NULL) != cases[i].gzip)
            fprintf(stderr, "Accept-Encoding \"%s\"\n", cases[i].ae);
        CHECK(r.status == 200);
        CHECK((r.content_encoding != NULL) == cases[i].gzip);
        CHECK(r.vary_accept_encoding == 1);
        CHECK(STREQ(r.content_type, "text/css; charset=utf-8"));
        CHECK(r.body_len == (cases[i].gzip ? 8u : 6u));
    }
    grocer_static_reply_t plain = get(st, "app.css");
    grocer_static_reply_t gz = ask(st, "GET", "app.css", NULL, NULL, "gzip");
    CHECK(STREQ(gz.content_encoding, "gzip") && memcmp(gz.body, "GZBYTES!", 8) == 0);
    CHECK(STREQ(gz.last_modified, "Sun, 06 Nov 1994 08:50:37 GMT"));
    CHECK(strcmp(plain.etag, gz.etag) != 0); /* two representations, two strong tags */

    /* a file without a .gz sibling ignores Accept-Encoding */
    grocer_static_reply_t r = ask(st, "GET", "js/app.js", NULL, NULL, "gzip");
    CHECK(r.status == 200 && r.content_encoding == NULL && r.vary_accept_encoding == 0);
}

static void test_revalidation(const grocer_static_t *st)
{
    grocer_static_reply_t ok = get(st, "app.css");
    char list[128], weak[128];
    snprintf(list, sizeof list, "\"nope\", %s", ok.etag);
    snprintf(weak, sizeof weak, "W/%s", ok.etag);

    grocer_static_reply_t r = ask(st, "GET", "app.css", ok.etag, NULL, NULL);
    CHECK(r.status == 304);
    CHECK(STREQ(r.etag, ok.etag));
    CHECK(STREQ(r.last_modified, ok.last_modified));
    CHECK(STREQ(r.cache_control, "public, max-age=3600"));
    CHECK(r.body == NULL && r.body_len == 0 && r.content_type == NULL && r.content_encoding == NULL);
    CHECK(r.vary_accept_encoding == 1);

    CHECK(ask(st, "GET", "app.css", list, NULL, NULL).status == 304);
    CHECK(ask(st, "GET", "app.css", weak, NULL, NULL).status == 304);
    CHECK(ask(st, "GET", "app.css", "*", NULL, NULL).status == 304);
    CHECK(ask(st, "HEAD", "app.css", ok.etag, NULL, NULL).status == 304);
    CHECK(ask(st, "GET", "app.css", "\"other\"", NULL, NULL).status == 200);
    CHECK(ask(st, "GET", "app.css", "garbage", NULL, NULL).status == 200);
    CHECK(ask(st, "GET", "app.css", "\"2ebc98a1-6", NULL, NULL).status == 200);

    /* If-Modified-Since: not newer -> 304; If-None-Match decides when both are sent */
    CHECK(ask(st, "GET", "app.css", NULL, ok.last_modified, NULL).status == 304);
    CHECK(ask(st, "GET", "app.css", NULL, "Mon, 07 Nov 1994 00:00:00 GMT", NULL).status == 304);
    CHECK(ask(st, "GET", "app.css", NULL, "Sat, 05 Nov 1994 08:49:37 GMT", NULL).status == 200);
    CHECK(ask(st, "GET", "app.css", NULL, "Sunday, 06-Nov-94 08:49:37 GMT", NULL).status == 200);
    CHECK(ask(st, "GET", "app.css", NULL, "yesterday", NULL).status == 200);
    CHECK(ask(st, "GET", "app.css", "\"other\"", ok.last_modified, NULL).status == 200);
    CHECK(ask(st, "GET", "app.css", ok.etag, "Sat, 05 Nov 1994 08:49:37 GMT", NULL).status == 304);

    /* the tag of the gzip form revalidates only the gzip form */
    grocer_static_reply_t gz = ask(st, "GET", "app.css", NULL, NULL, "gzip");
    r = ask(st, "GET", "app.css", gz.etag, NULL, "gzip");
    CHECK(r.status == 304 && STREQ(r.etag, gz.etag) && r.content_encoding == NULL);
    CHECK(ask(st, "GET", "app.css", gz.etag, NULL, NULL).status == 200);
}

static void test_methods(const grocer_static_t *st)
{
    grocer_static_reply_t r = ask(st, "HEAD", "app.css", NULL, NULL, NULL);
    CHECK(r.status == 200 && r.body == NULL && r.body_len == 6);
    CHECK(STREQ(r.content_type, "text/css; charset=utf-8"));
    CHECK(STREQ(r.etag, "\"2ebc98a1-6\"") && r.last_modified && r.cache_control);
    r = ask(st, "HEAD", "app.css", NULL, NULL, "gzip");
    CHECK(r.status == 200 && r.body == NULL && r.body_len == 8 && STREQ(r.content_encoding, "gzip"));

    const char *refused[] = { "POST", "PUT", "DELETE", "OPTIONS", "get", "GETX" };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        r = ask(st, refused[i], "app.css", NULL, NULL, NULL);
        CHECK(r.status == 405 && STREQ(r.allow, "GET, HEAD") && r.body == NULL);
    }
    CHECK(ask(st, "POST", "missing.css", NULL, NULL, NULL).status == 405);
}

static void test_paths(const grocer_static_t *st)
{
    static const char *ok[] = {
        "js//app.js", "./app.css", "js/./app.js", "sp%20ace.txt", "%61pp.css", "js%2fapp.js",
        "img/logo%2Esvg",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        if (get(st, ok[i]).status != 200) fprintf(stderr, "path \"%s\"\n", ok[i]);
        CHECK(get(st, ok[i]).status == 200);
    }
    static const char *missing[] = {
        "../CMakeLists.txt", "%2e%2e/CMakeLists.txt", "%2E%2E/CMakeLists.txt", "..%2fCMakeLists.txt",
        "..%2FCMakeLists.txt", "js/../../CMakeLists.txt", "js/../app.css", "..", "js/..",
        "..\\CMakeLists.txt", "js%5capp.js", "js\\app.js", "back\\slash.txt", "back%5Cslash.txt",
        "app.css%00.png", "app.css%00", "/etc/passwd", "passwd", ".hidden", "%2ehidden",
        ".git/config", "config.txt", "jslink/app.js", "dangling.txt", "", "/", "js", "js/", "img/",
        "app.css/", "app.css/.", ".", "missing.css", "APP.CSS", "app.css?x=1",
    };
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++) {
        grocer_static_reply_t r = get(st, missing[i]);
        if (r.status != 404) fprintf(stderr, "path \"%s\" -> %d\n", missing[i], r.status);
        CHECK(r.status == 404);
        CHECK(r.body == NULL && r.content_type == NULL && r.etag == NULL);
    }
    static const char *bad[] = { "%zz.css", "app.css%", "app.css%2", "%g0" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        grocer_static_reply_t r = get(st, bad[i]);
        if (r.status != 400) fprintf(stderr, "path \"%s\" -> %d\n", bad[i], r.status);
        CHECK(r.status == 400 && r.body == NULL);
    }
    /* longer than any key: 404, no overflow */
    char longp[GROCER_STATIC_MAX_PATH * 3 + 8];
    memset(longp, 'a', sizeof longp - 1);
    longp[sizeof longp - 1] = '\0';
    CHECK(get(st, longp).status == 404);
    for (size_t i = 0; i + 3 <= sizeof longp - 1; i += 3) memcpy(longp + i, "%2f", 3);
    CHECK(get(st, longp).status == 404);
}

int main(void)
{
    build_tree();
    test_load();

    char err[256] = "";
    grocer_static_t *st = grocer_static_load(root, 1 << 20, err, sizeof err);
    if (!st) {
        fprintf(stderr, "load: %s\n", err);
        return 1;
    }
    /* app.css app.css.gz UPPER.CSS noext font.woff2 data.json site.webmanifest "sp ace.txt"
     * empty.txt "back\\slash.txt" js/app.js img/logo.svg img/logo.png alias.css */
    CHECK(grocer_static_count(st) == 14);
    CHECK(grocer_static_total_bytes(st) == 6 + 8 + 3 + 1 + 4 + 2 + 2 + 5 + 0 + 1 + 6 + 6 + 3 + 6);
    test_types(st);
    test_gzip(st);
    test_revalidation(st);
    test_methods(st);
    test_paths(st);
    grocer_static_free(st);

    nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    if (failures) {
        fprintf(stderr, "static_test: %d check(s) failed\n", failures);
        return 1;
    }
    printf("static_test: ok\n");
    return 0;
}
