/* search.h: the catalog's full-text search engine, in C memory (issue 6, DESIGN.md "Data").
 *
 * Owns: folding text for search (utf8proc), tokenising into syllables, the token dictionary, the
 * postings and a forward index, and answering queries with match tiers and a score within a tier.
 * Leaves to others: which products exist and when to rebuild (host/catalog.c), synonyms, final
 * ranking by stock and popularity (Lua). Runs on one worker's loop thread; an index is used by one
 * thread at a time (queries write into scratch buffers held in the index).
 *
 * Folding (grocer_search_fold): NFKD + case folding with combining marks stripped (utf8proc), then
 * đ/Đ -> d (a letter with a stroke, not a mark). Apostrophes inside a word are dropped ("Lay's" ->
 * "lays"); every other run of characters that are neither letters nor digits becomes one space; a
 * space also goes between letters and digits, so "500g" folds to "500 g" and equals "500 g".
 * The folded text is its tokens joined by single spaces: a token is a run of letters or a run of
 * digits (for Vietnamese, one syllable).
 *
 * Matching, per query word: exact token; prefix (the query's last word only, for search-as-you-type;
 * not when the query ends with a space); one edit (substitution, insertion, deletion or adjacent
 * transposition) for words of 5+ letters that match no token exactly, or only a token found in
 * fewer than 3 documents (likely a misspelling in the data). Digits are never matched with an
 * edit. Tiers are documented at grocer_search_query. */
#ifndef GROCER_SEARCH_H
#define GROCER_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#define GROCER_SEARCH_MAX_WORDS 16     /* words of a query beyond this are ignored */
#define GROCER_SEARCH_MAX_QUERY 1024   /* bytes of a query beyond this are ignored */
#define GROCER_SEARCH_MAX_DOC ((1u << 29) - 1)

/* Fields of a document; the field weighs in the score within a tier. */
enum {
    GROCER_SEARCH_NAME = 0,      /* primary name (vi) */
    GROCER_SEARCH_NAME_EN = 1,   /* secondary name (en) */
    GROCER_SEARCH_BRAND = 2,
    GROCER_SEARCH_OTHER = 3      /* category names and the like */
};

typedef struct grocer_search_s grocer_search_t;

typedef struct {
    uint32_t doc;
    uint8_t tier;     /* 4 phrase, 3 all words exact, 2 prefix used, 1 fuzzy used, 0 partial */
    int32_t score;    /* within the tier: higher is better */
} grocer_search_hit_t;

/* Folds UTF-8 text for search into out (NUL-terminated), as described above. Invalid UTF-8 bytes
 * count as separators. Returns the length, or -1 if it did not fit in cap bytes (NUL included).
 * Pure and thread-safe. */
int grocer_search_fold(const char *in, size_t len, char *out, size_t cap);

/* A new, empty index, or NULL when out of memory. Free it with grocer_search_free (NULL is fine). */
grocer_search_t *grocer_search_new(void);
void grocer_search_free(grocer_search_t *s);

/* Adds text to document doc (0..GROCER_SEARCH_MAX_DOC; docs are dense 0..n-1 and may come in any
 * order); field is one of the GROCER_SEARCH_ fields. A doc may get several fields, and a field
 * several texts (a phrase never spans two texts). Returns 0, or -1 on a bad argument, out of
 * memory, or after grocer_search_build. The text is copied. */
int grocer_search_add(grocer_search_t *s, uint32_t doc, int field, const char *text, size_t len);

/* Builds the dictionary, postings and scratch after all adds; frees what only adding needed.
 * Returns 0, or -1 when out of memory or already built. */
int grocer_search_build(grocer_search_t *s);

/* Number of documents (highest doc added + 1); 0 before build. */
uint32_t grocer_search_doc_count(const grocer_search_t *s);

/* Runs every query in queries[0..nq-1] (NUL-terminated UTF-8: one query and its synonym variants)
 * and keeps each document's best (tier, then score).
 * tier 4: the whole folded query appears as consecutive tokens in one field (for a one-word query:
 *         the word matched exactly);
 *      3: every word matched a token exactly;
 *      2: every word matched, at least one by prefix (only the last word is matched by prefix);
 *      1: every word matched, at least one with one edit;
 *      0: partial, some but not all words matched; returned only when no document reached tier 1+.
 * score: sum over words of the best field matched (name 40, English name 40, brand 30, other 10),
 *        +15 when the first word is the first token of a name, minus the token count of that name
 *        (the Vietnamese name when the first word is not in a name); for tier 0 also +1000 per
 *        word matched.
 * Writes up to cap hits in document order (not ranked: the caller ranks) and returns the number
 * of matching documents (may exceed cap; then only the first cap were written), or -1 before
 * build or on a bad argument. An empty query (nothing left after folding) matches nothing.
 * Not const: uses scratch buffers held in s, so one query at a time per index. */
int grocer_search_query(grocer_search_t *s, const char *const *queries, int nq,
                        grocer_search_hit_t *out, int cap);

/* Completions for the last word of a query typed so far (search-as-you-type): dictionary tokens
 * starting with the folded last word (itself included when it is a token), most documents
 * first. Writes up to cap pointers into words; they point into s (NUL-terminated, folded) and
 * stay valid until grocer_search_free. Returns the number written; 0 when the query ends with a
 * space or is empty; -1 before build or on a bad argument. */
int grocer_search_complete(grocer_search_t *s, const char *prefix, size_t len, const char **words,
                           int cap);

/* Bytes held by the index (dictionary, postings, forward index, scratch). */
size_t grocer_search_memory(const grocer_search_t *s);

#endif
