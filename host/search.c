/* search.c: the catalog's full-text search engine (see search.h for the contract).
 *
 * Owns folding (utf8proc: NFKD, case folding, marks stripped, then đ -> d), the token dictionary,
 * postings, a forward index, the fuzzy (one edit) index, and query evaluation into tiers and
 * scores. It does not rank across tiers by stock or popularity, know synonyms, or decide when to
 * rebuild: host/catalog.c and Lua do. Runs on one worker's loop thread; one query at a time per
 * index (scratch buffers live in the index so a query allocates nothing).
 *
 * DESIGN. Adding folds each text, interns its tokens in a hash table and appends one record per
 * token (doc, field, token), with a gap record before each text so a phrase never spans two texts.
 * Building sorts the tokens (rank = place in the sorted dictionary, so every prefix is a range of
 * ranks and its postings are one contiguous slice) and derives:
 *   - the forward index: per doc, its tokens in field then position order, one uint32 each
 *     (field << 30 | rank; GAP for a gap between two texts of the same field);
 *   - the postings: per rank, the docs holding it, ascending, one uint32 per (doc, field):
 *     doc << 3 | field << 1 | (1 when it is the first token of that field);
 *   - the deletion index for typos: for each letter token of 5+ characters, a hash of each string
 *     made by deleting one of its characters, sorted by hash. A query word w of 5+ letters finds
 *     the tokens one edit away through hash(w), each deletion d of w looked up as a token, and
 *     hash(d); every candidate is then checked with a real edit distance (so hash collisions only
 *     cost time).
 * A query word resolves to a range of ranks (exact, or exact + prefix for the last word) and up to
 * MAX_FUZZY ranks. A one-word query walks its postings. With more words, the docs of the word with
 * the fewest postings are the candidates; the postings of the next rarest words filter them (a
 * per-doc stamp) while that is cheaper than what it saves; then each candidate is checked against
 * every word by walking its forward list (prefetched), which also finds the phrase. Hits are
 * merged per doc into `best` (stamped per query, so nothing is cleared) and a bitmap, which
 * returns them in doc order. Only when no doc matched every word does a second pass walk every
 * word's postings and add up partial hits per doc. */
#include "search.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define FOLD_OPTS (UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | \
                   UTF8PROC_IGNORE)
#define RANK_MASK 0x3FFFFFFFu
#define GAP RANK_MASK          /* forward entry between two texts of one field */
#define MAX_FUZZY 16           /* candidate tokens kept per misspelt word */
#define MAX_CPS 64             /* longer words are not matched with typos */
#define FUZZY_MIN 5            /* letters a word needs before typos are tolerated */
#define FUZZY_RARE 3           /* a word matching a token of fewer docs is also matched with typos */
#define QBUF_CAP (GROCER_SEARCH_MAX_QUERY * 8)

enum { C_SEP = 0, C_LETTER = 1, C_DIGIT = 2 };
enum { K_NONE = 0, K_FUZZY = 1, K_PREFIX = 2, K_EXACT = 3 };   /* = tier when every word matched */

static const uint8_t field_bonus[4] = { 40, 40, 30, 10 };
#define START_BONUS 15
#define PARTIAL_WORD 1000
#define WALK_RATIO 32          /* a posting walked costs about 1/32 of a doc's forward check */

typedef struct {
    uint32_t doc;
    uint32_t tf;    /* field << 30 | temporary token id, or field << 30 | GAP */
} rec_t;

typedef struct {
    uint32_t hash;
    uint32_t rank;
} del_t;

typedef struct {
    uint32_t stamp;
    int32_t score;
    uint8_t tier;
} best_t;

typedef struct {
    int32_t score;
    uint8_t word;            /* the word whose postings are being walked */
    uint8_t wb;              /* its best field bonus so far */
    uint8_t matched;
    uint8_t f0 : 2, start : 1;
} acc_t;

typedef struct {
    const char *w;
    uint32_t len;
    uint32_t lo, hi;         /* ranks matched exactly or by prefix: [lo, hi) */
    int64_t exact;           /* rank of the exact token, or -1 */
    uint32_t nfz;
    uint32_t fz[MAX_FUZZY];  /* ranks one edit away */
    uint64_t total;          /* postings behind all of the above */
} qword_t;

struct grocer_search_s {
    int built;
    uint32_t ndocs;

    /* ---- adding (freed by build) ---- */
    char *tblob;              /* temporary tokens, back to back */
    size_t tblob_len, tblob_cap;
    uint32_t *toff;           /* ntmp + 1 offsets into tblob */
    uint32_t *thash;
    uint32_t ntmp, tcap;
    uint32_t *ht;             /* open addressing: temporary id + 1, 0 = empty */
    uint32_t ht_cap;
    rec_t *recs;
    size_t nrec, rec_cap;
    char *fbuf;               /* folding scratch */
    size_t fbuf_cap;

    /* ---- the index ---- */
    char *blob;               /* sorted tokens, each NUL-terminated */
    uint32_t *off;            /* ntok + 1: token r is blob + off[r], length off[r+1] - off[r] - 1 */
    uint32_t ntok;
    uint32_t *poff;           /* ntok + 1 offsets into post */
    uint32_t *post;
    uint32_t *foff;           /* ndocs + 1 offsets into fwd */
    uint32_t *fwd;
    uint8_t *ntoks;           /* 4 per doc: tokens per field, saturating at 255 */
    del_t *dels;
    uint32_t ndel;

    /* ---- query scratch ---- */
    uint32_t *seen;           /* per doc: vstamp when collected in the current pass */
    uint32_t *cand;           /* candidate docs of the current pass */
    acc_t *acc;               /* per doc: partial hits being added up */
    uint32_t vstamp;
    best_t *best;             /* per doc: best hit of the current query when stamp == qstamp */
    uint32_t qstamp;
    uint64_t *bits;           /* docs hit by the current query */
    uint32_t nwords64;
    uint32_t nhits;
    char *qbuf;
    uint32_t *cheap;          /* completion heap */
    int cheap_cap;

    size_t mem;
};


/* ---- folding ---- */

static int cp_class(utf8proc_int32_t c)
{
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return C_LETTER;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return C_DIGIT;
    default:
        return C_SEP;
    }
}

typedef struct {
    char *out;
    size_t cap, o;
    int prev;        /* class of the last character written */
    int sep;         /* a separator came after it */
    int in_word;     /* the input so far ends inside a word */
} fold_t;

/* Writes one folded character of class cls (not C_SEP), with a space before it when a separator
 * or a letter/digit change came first. */
static int put_char(fold_t *f, utf8proc_int32_t c, int cls)
{
    if (f->o > 0 && (f->sep || cls != f->prev)) {
        if (f->o + 1 >= f->cap) return -1;
        f->out[f->o++] = ' ';
    }
    if (c < 0x80) {
        if (f->o + 1 >= f->cap) return -1;
        f->out[f->o++] = (char)c;
    } else {
        if (f->o + 5 > f->cap) return -1;
        f->o += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)f->out + f->o);
    }
    f->prev = cls;
    f->sep = 0;
    f->in_word = 1;
    return 0;
}

static void put_sep(fold_t *f)
{
    f->sep = 1;
    f->in_word = 0;
}

/* The folding loop; also says whether the input ends inside a word (for prefix matching).
 * ASCII is folded inline; everything else goes through utf8proc_decompose_char one code point at
 * a time (the per-character core of utf8proc_map, without its allocation). Marks come out as
 * nothing, so an NFD mark neither splits a word nor ends one. */
static long fold_core(const uint8_t *in, size_t len, char *out, size_t cap, int *in_word)
{
    fold_t f = { out, cap, 0, C_SEP, 0, 0 };
    size_t i = 0;

    if (cap == 0) return -1;
    while (i < len) {
        uint8_t b = in[i];
        if (b < 0x80) {
            i++;
            if (b >= 'a' && b <= 'z') {
                if (put_char(&f, b, C_LETTER) < 0) return -1;
            } else if (b >= 'A' && b <= 'Z') {
                if (put_char(&f, b + 32, C_LETTER) < 0) return -1;
            } else if (b >= '0' && b <= '9') {
                if (put_char(&f, b, C_DIGIT) < 0) return -1;
            } else if (b == '\'' && f.prev == C_LETTER && !f.sep && f.o > 0) {
                /* an apostrophe inside a word: dropped */
            } else {
                put_sep(&f);
            }
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(in + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 1) {
            i++;
            put_sep(&f);
            continue;
        }
        i += (size_t)n;
        if ((cp == 0x2019 || cp == 0x02BC) && f.prev == C_LETTER && !f.sep && f.o > 0) continue;
        utf8proc_int32_t buf[32];
        int boundclass = 0;
        utf8proc_ssize_t m = utf8proc_decompose_char(cp, buf, 32, FOLD_OPTS, &boundclass);
        if (m < 0 || m > 32) {
            put_sep(&f);
            continue;
        }
        for (utf8proc_ssize_t j = 0; j < m; j++) {
            utf8proc_int32_t c = buf[j];
            if (c == 0x0111) c = 'd';   /* đ (Đ case-folds to it): a stroke, not a mark */
            int cls = c < 0x80 ? ((c >= 'a' && c <= 'z') ? C_LETTER
                                  : (c >= '0' && c <= '9') ? C_DIGIT
                                  : (c >= 'A' && c <= 'Z') ? C_LETTER : C_SEP)
                               : cp_class(c);
            if (cls == C_SEP) {
                put_sep(&f);
            } else if (put_char(&f, c >= 'A' && c <= 'Z' ? c + 32 : c, cls) < 0) {
                return -1;
            }
        }
    }
    out[f.o] = '\0';
    if (in_word) *in_word = f.in_word;
    return (long)f.o;
}

int grocer_search_fold(const char *in, size_t len, char *out, size_t cap)
{
    if (!in || !out) return -1;
    long n = fold_core((const uint8_t *)in, len, out, cap, NULL);
    return n > 0x7FFFFFFFL ? -1 : (int)n;
}


/* ---- small helpers ---- */

static uint32_t fnv_step(uint32_t h, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)p[i];
        h *= 16777619u;
    }
    return h;
}

#define FNV_SEED 2166136261u

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap : 64;
    while (n < need) n *= 2;
    void *q = realloc(*p, n * elem);
    if (!q) return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* Decodes folded UTF-8 into code points; -1 when longer than max. */
static int decode(const char *s, uint32_t len, utf8proc_int32_t *cps, int max)
{
    int n = 0;
    uint32_t i = 0;
    while (i < len) {
        if (n == max) return -1;
        if ((uint8_t)s[i] < 0x80) {
            cps[n++] = (uint8_t)s[i++];
            continue;
        }
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, len - i, &cps[n]);
        if (k < 1) return -1;
        i += (uint32_t)k;
        n++;
    }
    return n;
}

/* Bytes of the UTF-8 sequence starting with b (folded text is valid UTF-8). */
static inline uint32_t seq_len(uint8_t b)
{
    return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/* Optimal string alignment distance <= 1 (one substitution, insertion, deletion or adjacent
 * transposition). */
static int within_one(const utf8proc_int32_t *a, int la, const utf8proc_int32_t *b, int lb)
{
    if (la < lb) {
        const utf8proc_int32_t *t = a;
        a = b;
        b = t;
        int tl = la;
        la = lb;
        lb = tl;
    }
    if (la - lb > 1) return 0;
    int i = 0;
    while (i < lb && a[i] == b[i]) i++;
    if (la == lb) {
        if (i == la) return 1;
        if (memcmp(a + i + 1, b + i + 1, (size_t)(la - i - 1) * sizeof *a) == 0) return 1;
        return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               memcmp(a + i + 2, b + i + 2, (size_t)(la - i - 2) * sizeof *a) == 0;
    }
    return memcmp(a + i + 1, b + i, (size_t)(lb - i) * sizeof *a) == 0;
}


/* ---- adding ---- */

grocer_search_t *grocer_search_new(void)
{
    grocer_search_t *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->ht_cap = 1024;
    s->ht = calloc(s->ht_cap, sizeof *s->ht);
    s->tcap = 256;
    s->toff = malloc((s->tcap + 1) * sizeof *s->toff);
    s->thash = malloc(s->tcap * sizeof *s->thash);
    if (!s->ht || !s->toff || !s->thash) {
        grocer_search_free(s);
        return NULL;
    }
    s->toff[0] = 0;
    return s;
}

static void free_adding(grocer_search_t *s)
{
    free(s->tblob);
    free(s->toff);
    free(s->thash);
    free(s->ht);
    free(s->recs);
    free(s->fbuf);
    s->tblob = NULL;
    s->toff = s->thash = s->ht = NULL;
    s->recs = NULL;
    s->fbuf = NULL;
    s->tblob_len = s->tblob_cap = s->nrec = s->rec_cap = s->fbuf_cap = 0;
}

void grocer_search_free(grocer_search_t *s)
{
    if (!s) return;
    free_adding(s);
    free(s->blob);
    free(s->off);
    free(s->poff);
    free(s->post);
    free(s->foff);
    free(s->fwd);
    free(s->ntoks);
    free(s->dels);
    free(s->seen);
    free(s->cand);
    free(s->acc);
    free(s->best);
    free(s->bits);
    free(s->qbuf);
    free(s->cheap);
    free(s);
}

static int ht_rehash(grocer_search_t *s)
{
    uint32_t cap = s->ht_cap * 2;
    uint32_t *ht = calloc(cap, sizeof *ht);
    if (!ht) return -1;
    for (uint32_t id = 0; id < s->ntmp; id++) {
        uint32_t k = s->thash[id] & (cap - 1);
        while (ht[k]) k = (k + 1) & (cap - 1);
        ht[k] = id + 1;
    }
    free(s->ht);
    s->ht = ht;
    s->ht_cap = cap;
    return 0;
}

/* Temporary id of a token, interning it; -1 when out of memory. */
static int64_t intern(grocer_search_t *s, const char *t, uint32_t len)
{
    uint32_t h = fnv_step(FNV_SEED, t, len);
    uint32_t k = h & (s->ht_cap - 1);
    for (;;) {
        uint32_t v = s->ht[k];
        if (!v) break;
        uint32_t id = v - 1;
        if (s->thash[id] == h && s->toff[id + 1] - s->toff[id] == len &&
            memcmp(s->tblob + s->toff[id], t, len) == 0)
            return id;
        k = (k + 1) & (s->ht_cap - 1);
    }
    if (s->ntmp >= RANK_MASK - 1) return -1;
    if (s->ntmp == s->tcap) {
        uint32_t ncap = s->tcap * 2;
        uint32_t *toff = realloc(s->toff, (ncap + 1) * sizeof *toff);
        if (!toff) return -1;
        s->toff = toff;
        uint32_t *th = realloc(s->thash, ncap * sizeof *th);
        if (!th) return -1;
        s->thash = th;
        s->tcap = ncap;
    }
    if (s->tblob_len + len > 0xFFFFFFF0u) return -1;
    if (grow((void **)&s->tblob, &s->tblob_cap, s->tblob_len + len, 1) < 0) return -1;
    memcpy(s->tblob + s->tblob_len, t, len);
    s->tblob_len += len;
    uint32_t id = s->ntmp++;
    s->toff[id + 1] = (uint32_t)s->tblob_len;
    s->thash[id] = h;
    s->ht[k] = id + 1;
    if (s->ntmp * 2 > s->ht_cap && ht_rehash(s) < 0) return -1;
    return id;
}

static int push_rec(grocer_search_t *s, uint32_t doc, uint32_t tf)
{
    if (grow((void **)&s->recs, &s->rec_cap, s->nrec + 1, sizeof *s->recs) < 0) return -1;
    s->recs[s->nrec].doc = doc;
    s->recs[s->nrec].tf = tf;
    s->nrec++;
    return 0;
}

int grocer_search_add(grocer_search_t *s, uint32_t doc, int field, const char *text, size_t len)
{
    if (!s || s->built || doc > GROCER_SEARCH_MAX_DOC || field < 0 || field > 3) return -1;
    if (!text) len = 0;
    if (len > 0x3FFFFFFF) return -1;
    if (doc >= s->ndocs) s->ndocs = doc + 1;
    if (len == 0) return 0;

    long n;
    size_t want = len * 2 + 64;
    for (;;) {
        if (grow((void **)&s->fbuf, &s->fbuf_cap, want, 1) < 0) return -1;
        n = fold_core((const uint8_t *)text, len, s->fbuf, s->fbuf_cap, NULL);
        if (n >= 0) break;
        want = s->fbuf_cap * 2;
    }
    if (n == 0) return 0;
    uint32_t fbits = (uint32_t)field << 30;
    if (push_rec(s, doc, fbits | GAP) < 0) return -1;
    const char *p = s->fbuf, *end = s->fbuf + n;
    while (p < end) {
        const char *sp = memchr(p, ' ', (size_t)(end - p));
        if (!sp) sp = end;
        int64_t id = intern(s, p, (uint32_t)(sp - p));
        if (id < 0 || push_rec(s, doc, fbits | (uint32_t)id) < 0) return -1;
        p = sp + 1;
    }
    return 0;
}


/* ---- building ---- */

typedef struct {
    const char *p;
    uint32_t len;
    uint32_t id;
} sortkey_t;

static int cmp_key(const void *a, const void *b)
{
    const sortkey_t *x = a, *y = b;
    uint32_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->p, y->p, n);
    if (c) return c;
    return x->len < y->len ? -1 : x->len > y->len;
}

static int cmp_del(const void *a, const void *b)
{
    const del_t *x = a, *y = b;
    if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
    return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static inline const char *tok_str(const grocer_search_t *s, uint32_t r)
{
    return s->blob + s->off[r];
}

static inline uint32_t tok_len(const grocer_search_t *s, uint32_t r)
{
    return s->off[r + 1] - s->off[r] - 1;
}

/* Sorted dictionary; fills rank[temporary id]. */
static int build_dictionary(grocer_search_t *s, uint32_t *rank)
{
    uint32_t n = s->ntmp;
    sortkey_t *keys = malloc((n ? n : 1) * sizeof *keys);
    if (!keys) return -1;
    for (uint32_t id = 0; id < n; id++) {
        keys[id].p = s->tblob + s->toff[id];
        keys[id].len = s->toff[id + 1] - s->toff[id];
        keys[id].id = id;
    }
    qsort(keys, n, sizeof *keys, cmp_key);
    s->blob = malloc(s->tblob_len + n + 1);
    s->off = malloc((n + 1) * sizeof *s->off);
    if (!s->blob || !s->off) {
        free(keys);
        return -1;
    }
    uint32_t o = 0;
    for (uint32_t r = 0; r < n; r++) {
        s->off[r] = o;
        memcpy(s->blob + o, keys[r].p, keys[r].len);
        o += keys[r].len;
        s->blob[o++] = '\0';
        rank[keys[r].id] = r;
    }
    s->off[n] = o;
    s->ntok = n;
    free(keys);
    return 0;
}

/* Forward index: records grouped by (doc, field) in the order they were added. */
static int build_forward(grocer_search_t *s, const uint32_t *rank)
{
    uint32_t nd = s->ndocs;
    size_t nkeys = (size_t)nd * 4;
    uint32_t *start = calloc(nkeys + 1, sizeof *start);
    uint32_t *order = malloc((s->nrec ? s->nrec : 1) * sizeof *order);
    s->foff = malloc(((size_t)nd + 1) * sizeof *s->foff);
    s->fwd = malloc((s->nrec ? s->nrec : 1) * sizeof *s->fwd);
    s->ntoks = calloc(nkeys ? nkeys : 1, 1);
    if (!start || !order || !s->foff || !s->fwd || !s->ntoks) {
        free(start);
        free(order);
        return -1;
    }
    for (size_t i = 0; i < s->nrec; i++) start[(size_t)s->recs[i].doc * 4 + (s->recs[i].tf >> 30) + 1]++;
    for (size_t k = 0; k < nkeys; k++) start[k + 1] += start[k];
    for (size_t i = 0; i < s->nrec; i++) {
        size_t k = (size_t)s->recs[i].doc * 4 + (s->recs[i].tf >> 30);
        order[start[k]++] = (uint32_t)i;
    }
    /* start[k] is now the end of group k */
    uint32_t o = 0, from = 0;
    for (uint32_t d = 0; d < nd; d++) {
        s->foff[d] = o;
        for (uint32_t f = 0; f < 4; f++) {
            size_t k = (size_t)d * 4 + f;
            uint32_t to = start[k], count = 0;
            int gap = 0;
            for (uint32_t i = from; i < to; i++) {
                uint32_t tf = s->recs[order[i]].tf;
                if ((tf & RANK_MASK) == GAP) {
                    gap = count > 0;
                    continue;
                }
                if (gap) s->fwd[o++] = f << 30 | GAP;
                gap = 0;
                s->fwd[o++] = f << 30 | rank[tf & RANK_MASK];
                count++;
            }
            s->ntoks[k] = count > 255 ? 255 : (uint8_t)count;
            from = to;
        }
    }
    s->foff[nd] = o;
    free(start);
    free(order);
    if (o) {
        uint32_t *shrunk = realloc(s->fwd, o * sizeof *s->fwd);
        if (shrunk) s->fwd = shrunk;
    }
    return 0;
}

/* Postings from the forward index, so they come out sorted by doc then field. */
static int build_postings(grocer_search_t *s)
{
    uint32_t n = s->ntok, nd = s->ndocs;
    uint32_t *last = malloc((n ? n : 1) * sizeof *last);
    uint32_t *cur = calloc((size_t)n + 1, sizeof *cur);
    s->poff = calloc((size_t)n + 1, sizeof *s->poff);
    if (!last || !cur || !s->poff) {
        free(last);
        free(cur);
        return -1;
    }
    for (int pass = 0; pass < 2; pass++) {
        memset(last, 0xFF, (n ? n : 1) * sizeof *last);
        for (uint32_t d = 0; d < nd; d++) {
            uint32_t prevf = 4;
            for (uint32_t i = s->foff[d]; i < s->foff[d + 1]; i++) {
                uint32_t e = s->fwd[i], f = e >> 30, r = e & RANK_MASK;
                int first = f != prevf;
                prevf = f;
                if (r == GAP) continue;
                uint32_t key = d << 2 | f;
                if (last[r] == key) continue;
                last[r] = key;
                if (pass == 0)
                    cur[r + 1]++;
                else
                    s->post[cur[r]++] = d << 3 | f << 1 | (uint32_t)first;
            }
        }
        if (pass == 0) {
            for (uint32_t r = 0; r < n; r++) cur[r + 1] += cur[r];
            memcpy(s->poff, cur, ((size_t)n + 1) * sizeof *cur);
            s->post = malloc((cur[n] ? cur[n] : 1) * sizeof *s->post);
            if (!s->post) {
                free(last);
                free(cur);
                return -1;
            }
        }
    }
    free(last);
    free(cur);
    return 0;
}

/* Can this token take part in typo matching? Letters only, FUZZY_MIN..MAX_CPS characters. */
static int fuzzy_token(const char *t, uint32_t len, int *ncps)
{
    utf8proc_int32_t cps[MAX_CPS];
    if ((uint8_t)t[0] < 0x80 ? !(t[0] >= 'a' && t[0] <= 'z') : 0) return 0;
    int n = decode(t, len, cps, MAX_CPS);
    if (n < FUZZY_MIN) return 0;
    if ((uint8_t)t[0] >= 0x80 && cp_class(cps[0]) != C_LETTER) return 0;
    *ncps = n;
    return 1;
}

/* hash of t with the character at byte i (of n bytes) deleted */
static inline uint32_t del_hash(const char *t, uint32_t len, uint32_t i, uint32_t n)
{
    return fnv_step(fnv_step(FNV_SEED, t, i), t + i + n, len - i - n);
}

static int build_deletions(grocer_search_t *s)
{
    size_t count = 0;
    int ncps;
    for (uint32_t r = 0; r < s->ntok; r++)
        if (fuzzy_token(tok_str(s, r), tok_len(s, r), &ncps)) count += (size_t)ncps;
    if (count > 0xFFFFFFFFu) return -1;
    s->dels = malloc((count ? count : 1) * sizeof *s->dels);
    if (!s->dels) return -1;
    size_t o = 0;
    for (uint32_t r = 0; r < s->ntok; r++) {
        const char *t = tok_str(s, r);
        uint32_t len = tok_len(s, r);
        if (!fuzzy_token(t, len, &ncps)) continue;
        for (uint32_t i = 0; i < len; i += seq_len((uint8_t)t[i])) {
            s->dels[o].hash = del_hash(t, len, i, seq_len((uint8_t)t[i]));
            s->dels[o].rank = r;
            o++;
        }
    }
    qsort(s->dels, o, sizeof *s->dels, cmp_del);
    s->ndel = (uint32_t)o;
    return 0;
}

int grocer_search_build(grocer_search_t *s)
{
    if (!s || s->built) return -1;
    uint32_t *rank = malloc((s->ntmp ? s->ntmp : 1) * sizeof *rank);
    if (!rank) return -1;
    s->built = -1;   /* unusable if anything below fails */
    if (build_dictionary(s, rank) < 0 || build_forward(s, rank) < 0) {
        free(rank);
        return -1;
    }
    free(rank);
    free_adding(s);
    if (build_postings(s) < 0 || build_deletions(s) < 0) return -1;

    uint32_t nd = s->ndocs;
    s->nwords64 = (nd + 63) / 64;
    s->seen = calloc(nd ? nd : 1, sizeof *s->seen);
    s->cand = malloc((nd ? nd : 1) * sizeof *s->cand);
    s->acc = malloc((nd ? nd : 1) * sizeof *s->acc);
    s->best = calloc(nd ? nd : 1, sizeof *s->best);
    s->bits = calloc(s->nwords64 ? s->nwords64 : 1, sizeof *s->bits);
    s->qbuf = malloc(QBUF_CAP);
    if (!s->seen || !s->cand || !s->acc || !s->best || !s->bits || !s->qbuf) return -1;

    s->mem = sizeof *s + s->off[s->ntok] + ((size_t)s->ntok + 1) * sizeof *s->off +
             ((size_t)s->ntok + 1) * sizeof *s->poff + (size_t)s->poff[s->ntok] * sizeof *s->post +
             ((size_t)nd + 1) * sizeof *s->foff + (size_t)s->foff[nd] * sizeof *s->fwd +
             (size_t)nd * 4 + (size_t)s->ndel * sizeof *s->dels + (size_t)nd * (sizeof *s->seen * 2 + sizeof *s->acc) +
             (size_t)nd * sizeof *s->best + (size_t)s->nwords64 * sizeof *s->bits + QBUF_CAP;
    s->built = 1;
    return 0;
}

uint32_t grocer_search_doc_count(const grocer_search_t *s)
{
    return s && s->built == 1 ? s->ndocs : 0;
}

size_t grocer_search_memory(const grocer_search_t *s)
{
    if (!s) return 0;
    if (s->built == 1) return s->mem + (size_t)s->cheap_cap * sizeof *s->cheap;
    if (s->built) return 0;
    return sizeof *s + s->tblob_cap + ((size_t)s->tcap + 1) * 8 + (size_t)s->ht_cap * 4 +
           s->rec_cap * sizeof *s->recs + s->fbuf_cap;
}


/* ---- looking words up ---- */

static int cmp_rank(const grocer_search_t *s, uint32_t r, const char *w, uint32_t wl)
{
    uint32_t tl = tok_len(s, r);
    int c = memcmp(tok_str(s, r), w, tl < wl ? tl : wl);
    if (c) return c;
    return tl < wl ? -1 : tl > wl;
}

/* First rank whose token is >= w. */
static uint32_t lower_bound(const grocer_search_t *s, const char *w, uint32_t wl)
{
    uint32_t lo = 0, hi = s->ntok;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (cmp_rank(s, mid, w, wl) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int64_t find_token(const grocer_search_t *s, const char *w, uint32_t wl)
{
    uint32_t r = lower_bound(s, w, wl);
    return r < s->ntok && tok_len(s, r) == wl && memcmp(tok_str(s, r), w, wl) == 0 ? (int64_t)r : -1;
}

/* End of the ranks starting at lo whose tokens start with w. */
static uint32_t prefix_end(const grocer_search_t *s, uint32_t lo, const char *w, uint32_t wl)
{
    uint32_t hi = s->ntok;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (tok_len(s, mid) >= wl && memcmp(tok_str(s, mid), w, wl) == 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void add_fuzzy(const grocer_search_t *s, qword_t *q, const utf8proc_int32_t *wc, int wn,
                      uint32_t r)
{
    if (q->nfz == MAX_FUZZY || (int64_t)r == q->exact) return;
    for (uint32_t i = 0; i < q->nfz; i++)
        if (q->fz[i] == r) return;
    utf8proc_int32_t tc[MAX_CPS + 1];
    int tn = decode(tok_str(s, r), tok_len(s, r), tc, MAX_CPS + 1);
    if (tn < 0 || !within_one(wc, wn, tc, tn)) return;
    q->fz[q->nfz++] = r;
}

static void fuzzy_by_hash(const grocer_search_t *s, qword_t *q, const utf8proc_int32_t *wc, int wn,
                          uint32_t h)
{
    uint32_t lo = 0, hi = s->ndel;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (s->dels[mid].hash < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < s->ndel && s->dels[lo].hash == h; lo++) add_fuzzy(s, q, wc, wn, s->dels[lo].rank);
}

/* Tokens one edit away from the word (which matched no token exactly). */
static void resolve_fuzzy(const grocer_search_t *s, qword_t *q)
{
    utf8proc_int32_t wc[MAX_CPS];
    int wn = decode(q->w, q->len, wc, MAX_CPS);
    if (wn < FUZZY_MIN || cp_class(wc[0]) != C_LETTER) return;
    /* a token with one more character */
    fuzzy_by_hash(s, q, wc, wn, fnv_step(FNV_SEED, q->w, q->len));
    char d[GROCER_SEARCH_MAX_QUERY];
    for (uint32_t i = 0; i < q->len; i += seq_len((uint8_t)q->w[i])) {
        uint32_t n = seq_len((uint8_t)q->w[i]);
        /* a token with one character fewer */
        memcpy(d, q->w, i);
        memcpy(d + i, q->w + i + n, q->len - i - n);
        int64_t r = find_token(s, d, q->len - n);
        if (r >= 0) add_fuzzy(s, q, wc, wn, (uint32_t)r);
        /* a substitution or a transposition */
        fuzzy_by_hash(s, q, wc, wn, del_hash(q->w, q->len, i, n));
    }
}

/* Is the token in fewer than FUZZY_RARE docs (likely a misspelling in the data itself)? */
static int rare(const grocer_search_t *s, uint32_t r)
{
    uint32_t docs = 0, prev = UINT32_MAX;
    for (uint32_t i = s->poff[r]; i < s->poff[r + 1]; i++) {
        uint32_t doc = s->post[i] >> 3;
        if (doc != prev && ++docs >= FUZZY_RARE) return 0;
        prev = doc;
    }
    return 1;
}

static void resolve_word(const grocer_search_t *s, qword_t *q, int prefix)
{
    uint32_t lo = lower_bound(s, q->w, q->len);
    q->exact = lo < s->ntok && tok_len(s, lo) == q->len && memcmp(tok_str(s, lo), q->w, q->len) == 0
                   ? (int64_t)lo : -1;
    q->lo = lo;
    q->hi = prefix ? prefix_end(s, lo, q->w, q->len) : lo + (q->exact >= 0);
    q->nfz = 0;
    if (q->exact < 0 || rare(s, (uint32_t)q->exact)) resolve_fuzzy(s, q);
    q->total = (uint64_t)s->poff[q->hi] - s->poff[q->lo];
    for (uint32_t i = 0; i < q->nfz; i++) q->total += s->poff[q->fz[i] + 1] - s->poff[q->fz[i]];
}

/* Folds a query and splits it into words; returns the count (0: nothing to search). */
static int parse_query(grocer_search_t *s, const char *query, qword_t *words, int *last_prefix)
{
    size_t len = strlen(query);
    if (len > GROCER_SEARCH_MAX_QUERY) len = GROCER_SEARCH_MAX_QUERY;
    long n;
    int in_word = 0;
    while ((n = fold_core((const uint8_t *)query, len, s->qbuf, QBUF_CAP, &in_word)) < 0) len /= 2;
    int k = 0;
    const char *p = s->qbuf, *end = s->qbuf + n;
    while (p < end && k < GROCER_SEARCH_MAX_WORDS) {
        const char *sp = memchr(p, ' ', (size_t)(end - p));
        if (!sp) sp = end;
        words[k].w = p;
        words[k].len = (uint32_t)(sp - p);
        k++;
        p = sp + 1;
    }
    /* the last word is still being typed unless the query ends with a separator (or was cut) */
    *last_prefix = in_word && p >= end;
    return k;
}


/* ---- querying ---- */

static void offer(grocer_search_t *s, uint32_t doc, int tier, int32_t score)
{
    best_t *b = &s->best[doc];
    if (b->stamp != s->qstamp) {
        b->stamp = s->qstamp;
        b->tier = (uint8_t)tier;
        b->score = score;
        s->bits[doc >> 6] |= 1ull << (doc & 63);
        s->nhits++;
    } else if (tier > b->tier || (tier == b->tier && score > b->score)) {
        b->tier = (uint8_t)tier;
        b->score = score;
    }
}

static inline int word_kind(const qword_t *q, uint32_t r)
{
    if (r - q->lo < q->hi - q->lo) return (int64_t)r == q->exact ? K_EXACT : K_PREFIX;
    for (uint32_t i = 0; i < q->nfz; i++)
        if (q->fz[i] == r) return K_FUZZY;
    return K_NONE;
}

static inline int32_t name_length(const grocer_search_t *s, uint32_t doc, uint32_t f)
{
    return s->ntoks[(size_t)doc * 4 + (f <= 1 ? f : 0)];
}

/* One-word query: every posting is a hit. */
static void query_one(grocer_search_t *s, const qword_t *q)
{
    for (uint32_t r = q->lo; r < q->hi; r++) {
        int tier = (int64_t)r == q->exact ? 4 : 2;
        for (uint32_t i = s->poff[r]; i < s->poff[r + 1]; i++) {
            uint32_t p = s->post[i], doc = p >> 3, f = (p >> 1) & 3;
            int32_t score = field_bonus[f] + ((p & 1) && f <= 1 ? START_BONUS : 0) - name_length(s, doc, f);
            offer(s, doc, tier, score);
        }
    }
    for (uint32_t j = 0; j < q->nfz; j++) {
        uint32_t r = q->fz[j];
        for (uint32_t i = s->poff[r]; i < s->poff[r + 1]; i++) {
            uint32_t p = s->post[i], doc = p >> 3, f = (p >> 1) & 3;
            int32_t score = field_bonus[f] + ((p & 1) && f <= 1 ? START_BONUS : 0) - name_length(s, doc, f);
            offer(s, doc, 1, score);
        }
    }
}

/* Does the doc hold the words' exact tokens consecutively in one field? */
static int has_phrase(const grocer_search_t *s, const qword_t *words, int k, uint32_t doc)
{
    const uint32_t *e = s->fwd + s->foff[doc], *end = s->fwd + s->foff[doc + 1];
    uint32_t first = (uint32_t)words[0].exact;
    for (; e + k <= end; e++) {
        if ((*e & RANK_MASK) != first) continue;
        uint32_t f = *e >> 30;
        int j = 1;
        while (j < k && e[j] == (f << 30 | (uint32_t)words[j].exact)) j++;
        if (j == k) return 1;
    }
    return 0;
}

/* Checks one doc against every word by walking its forward list; offers it when every word
 * matched. */
static void check_doc(grocer_search_t *s, const qword_t *words, int k, uint32_t doc)
{
    uint8_t kind[GROCER_SEARCH_MAX_WORDS] = { 0 }, bonus[GROCER_SEARCH_MAX_WORDS] = { 0 };
    uint32_t f0 = 0, prevf = 4;
    int start = 0;
    for (uint32_t i = s->foff[doc]; i < s->foff[doc + 1]; i++) {
        uint32_t e = s->fwd[i], f = e >> 30, r = e & RANK_MASK;
        int first = f != prevf;
        prevf = f;
        if (r == GAP) continue;
        for (int j = 0; j < k; j++) {
            int kd = word_kind(&words[j], r);
            if (!kd) continue;
            uint8_t b = field_bonus[f];
            if (kd > kind[j] || (kd == kind[j] && b > bonus[j])) {
                kind[j] = (uint8_t)kd;
                bonus[j] = b;
                if (j == 0) f0 = f;
            }
            if (j == 0 && first && f <= 1) start = 1;
        }
    }
    int tier = K_EXACT;
    int32_t score = start ? START_BONUS : 0;
    for (int j = 0; j < k; j++) {
        if (!kind[j]) return;
        if (kind[j] < tier) tier = kind[j];
        score += bonus[j];
    }
    if (tier == K_EXACT && has_phrase(s, words, k, doc)) tier = 4;
    offer(s, doc, tier, score - name_length(s, doc, f0));
}

static void next_pass(grocer_search_t *s)
{
    if (++s->vstamp == 0) {
        memset(s->seen, 0, (size_t)s->ndocs * sizeof *s->seen);
        s->vstamp = 1;
    }
}

/* Appends the docs named by one word's postings that this pass has not seen yet. */
static uint32_t collect_word(grocer_search_t *s, const qword_t *q, uint32_t nc)
{
    uint32_t vs = s->vstamp;
    for (uint32_t src = 0; src < 1 + q->nfz; src++) {
        uint32_t from = src == 0 ? s->poff[q->lo] : s->poff[q->fz[src - 1]];
        uint32_t to = src == 0 ? s->poff[q->hi] : s->poff[q->fz[src - 1] + 1];
        for (uint32_t i = from; i < to; i++) {
            uint32_t doc = s->post[i] >> 3;
            if (s->seen[doc] == vs) continue;
            s->seen[doc] = vs;
            s->cand[nc++] = doc;
        }
    }
    return nc;
}

/* Candidates for "every word": the docs of the word with the fewest postings, kept only when
 * they also appear in the postings of the next words, for as long as walking those postings is
 * cheaper than the forward check it saves. The forward check then decides. */
static uint32_t collect_full(grocer_search_t *s, const qword_t *words, int k)
{
    int ord[GROCER_SEARCH_MAX_WORDS];
    for (int j = 0; j < k; j++) {
        int i = j;
        while (i > 0 && words[ord[i - 1]].total > words[j].total) {
            ord[i] = ord[i - 1];
            i--;
        }
        ord[i] = j;
    }
    next_pass(s);
    uint32_t nc = collect_word(s, &words[ord[0]], 0);
    for (int t = 1; t < k && nc > 0; t++) {
        const qword_t *q = &words[ord[t]];
        if (q->total > (uint64_t)nc * WALK_RATIO || s->vstamp == UINT32_MAX) break;
        uint32_t alive = s->vstamp, now = ++s->vstamp;
        for (uint32_t src = 0; src < 1 + q->nfz; src++) {
            uint32_t from = src == 0 ? s->poff[q->lo] : s->poff[q->fz[src - 1]];
            uint32_t to = src == 0 ? s->poff[q->hi] : s->poff[q->fz[src - 1] + 1];
            for (uint32_t i = from; i < to; i++) {
                uint32_t doc = s->post[i] >> 3;
                if (s->seen[doc] == alive) s->seen[doc] = now;
            }
        }
        uint32_t kept = 0;
        for (uint32_t i = 0; i < nc; i++)
            if (s->seen[s->cand[i]] == now) s->cand[kept++] = s->cand[i];
        nc = kept;
    }
    return nc;
}

/* Checks the candidates, fetching their forward lists ahead of use. */
static void check_all(grocer_search_t *s, const qword_t *words, int k, uint32_t nc)
{
    const uint32_t *c = s->cand;
    for (uint32_t i = 0; i < nc; i++) {
        if (i + 16 < nc) __builtin_prefetch(&s->foff[c[i + 16]]);
        if (i + 8 < nc) {
            __builtin_prefetch(&s->fwd[s->foff[c[i + 8]]]);
            __builtin_prefetch(&s->best[c[i + 8]]);
        }
        check_doc(s, words, k, c[i]);
    }
}

/* Partial hits (no doc matched every word): every word's postings are walked once, adding up
 * per doc the words matched and their best fields. */
static void partial_pass(grocer_search_t *s, const qword_t *words, int k)
{
    next_pass(s);
    uint32_t vs = s->vstamp, nc = 0;
    for (int j = 0; j < k; j++) {
        const qword_t *q = &words[j];
        for (uint32_t src = 0; src < 1 + q->nfz; src++) {
            uint32_t from = src == 0 ? s->poff[q->lo] : s->poff[q->fz[src - 1]];
            uint32_t to = src == 0 ? s->poff[q->hi] : s->poff[q->fz[src - 1] + 1];
            for (uint32_t i = from; i < to; i++) {
                uint32_t p = s->post[i], doc = p >> 3, f = (p >> 1) & 3;
                uint8_t b = field_bonus[f];
                acc_t *a = &s->acc[doc];
                if (s->seen[doc] != vs) {
                    s->seen[doc] = vs;
                    s->cand[nc++] = doc;
                    a->score = 0;
                    a->matched = 0;
                    a->word = 0xFF;
                    a->f0 = 0;
                    a->start = 0;
                }
                if (a->word != j) {
                    a->word = (uint8_t)j;
                    a->matched++;
                    a->wb = b;
                    a->score += b;
                    if (j == 0) a->f0 = (uint8_t)f;
                } else if (b > a->wb) {
                    a->score += b - a->wb;
                    a->wb = b;
                    if (j == 0) a->f0 = (uint8_t)f;
                }
                if (j == 0 && (p & 1) && f <= 1) a->start = 1;
            }
        }
    }
    for (uint32_t i = 0; i < nc; i++) {
        uint32_t doc = s->cand[i];
        const acc_t *a = &s->acc[doc];
        if (a->matched >= k) continue;   /* cannot happen: then the doc matched every word */
        offer(s, doc, 0, PARTIAL_WORD * a->matched + a->score + (a->start ? START_BONUS : 0) -
                             name_length(s, doc, a->f0));
    }
}

int grocer_search_query(grocer_search_t *s, const char *const *queries, int nq,
                        grocer_search_hit_t *out, int cap)
{
    if (!s || s->built != 1 || nq < 0 || cap < 0 || (nq > 0 && !queries) || (cap > 0 && !out)) return -1;
    if (++s->qstamp == 0) {
        for (uint32_t d = 0; d < s->ndocs; d++) s->best[d].stamp = 0;
        s->qstamp = 1;
    }
    s->nhits = 0;
    qword_t words[GROCER_SEARCH_MAX_WORDS];
    int multi = 0;   /* a query of 2+ words was seen (partial hits are possible) */

    for (int v = 0; v < nq; v++) {
        if (!queries[v]) continue;
        int prefix;
        int k = parse_query(s, queries[v], words, &prefix);
        if (k == 0) continue;
        int driver = 0;
        for (int j = 0; j < k; j++) {
            resolve_word(s, &words[j], prefix && j == k - 1);
            if (words[j].total < words[driver].total) driver = j;
        }
        if (k == 1) {
            query_one(s, &words[0]);
            continue;
        }
        multi = 1;
        if (words[driver].total == 0) continue;
        check_all(s, words, k, collect_full(s, words, k));
    }

    if (s->nhits == 0 && multi) {
        /* nothing matched every word: partial hits, from every word's postings */
        for (int v = 0; v < nq; v++) {
            if (!queries[v]) continue;
            int prefix;
            int k = parse_query(s, queries[v], words, &prefix);
            if (k < 2) continue;
            for (int j = 0; j < k; j++) resolve_word(s, &words[j], prefix && j == k - 1);
            partial_pass(s, words, k);
        }
    }

    uint32_t n = 0;
    for (uint32_t w = 0; w < s->nwords64 && n < s->nhits; w++) {
        uint64_t x = s->bits[w];
        if (!x) continue;
        s->bits[w] = 0;
        while (x) {
            uint32_t doc = w * 64 + (uint32_t)__builtin_ctzll(x);
            x &= x - 1;
            if (n < (uint32_t)cap) {
                out[n].doc = doc;
                out[n].tier = s->best[doc].tier;
                out[n].score = s->best[doc].score;
            }
            n++;
        }
    }
    return n > 0x7FFFFFFFu ? 0x7FFFFFFF : (int)n;
}


/* ---- completion ---- */

/* heap order: a "smaller" entry is a worse completion (fewer docs, then later in the dictionary) */
static inline int worse(const grocer_search_t *s, uint32_t a, uint32_t b)
{
    uint32_t da = s->poff[a + 1] - s->poff[a], db = s->poff[b + 1] - s->poff[b];
    return da != db ? da < db : a > b;
}

static void sift_down(const grocer_search_t *s, uint32_t *h, int n, int i)
{
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && worse(s, h[l], h[m])) m = l;
        if (r < n && worse(s, h[r], h[m])) m = r;
        if (m == i) return;
        uint32_t t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

int grocer_search_complete(grocer_search_t *s, const char *prefix, size_t len, const char **words,
                           int cap)
{
    if (!s || s->built != 1 || !prefix || cap < 0 || (cap > 0 && !words)) return -1;
    if (cap == 0) return 0;
    if (len > GROCER_SEARCH_MAX_QUERY) return 0;
    int in_word = 0;
    long n = fold_core((const uint8_t *)prefix, len, s->qbuf, QBUF_CAP, &in_word);
    if (n <= 0 || !in_word) return 0;
    const char *w = s->qbuf + n;
    while (w > s->qbuf && w[-1] != ' ') w--;
    uint32_t wl = (uint32_t)(s->qbuf + n - w);
    uint32_t lo = lower_bound(s, w, wl), hi = prefix_end(s, lo, w, wl);
    if (cap > s->cheap_cap) {
        uint32_t *h = realloc(s->cheap, (size_t)cap * sizeof *h);
        if (!h) return -1;
        s->cheap = h;
        s->cheap_cap = cap;
    }
    uint32_t *h = s->cheap;
    int m = 0;
    for (uint32_t r = lo; r < hi; r++) {
        if (m < cap) {
            /* sift up */
            int i = m++;
            h[i] = r;
            while (i > 0 && worse(s, h[i], h[(i - 1) / 2])) {
                uint32_t t = h[i];
                h[i] = h[(i - 1) / 2];
                h[(i - 1) / 2] = t;
                i = (i - 1) / 2;
            }
        } else if (worse(s, h[0], r)) {
            h[0] = r;
            sift_down(s, h, m, 0);
        }
    }
    /* pop worst first into the back of the output */
    for (int i = m - 1; i >= 0; i--) {
        words[i] = tok_str(s, h[0]);
        h[0] = h[i];
        sift_down(s, h, i, 0);
    }
    return m;
}
