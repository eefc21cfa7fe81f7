/* search_test.c: host/search.c: folding (case, diacritics, đ, NFC/NFD, compatibility forms),
 * tokens, the match tiers (phrase, all words, prefix, one typo, partial), synonym variants,
 * completion, refusals, and a 50,000-document synthetic index that builds and answers (its
 * timings are printed for people to read, not checked: speed belongs to bench/). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "search.h"

static int failures;

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                     \
        }                                                                   \
    } while (0)

#define STREQ(a, b) ((a) != NULL && strcmp((a), (b)) == 0)

static char folded[512];

static const char *fold(const char *s)
{
    return grocer_search_fold(s, strlen(s), folded, sizeof folded) < 0 ? NULL : folded;
}

static void test_fold(void)
{
    CHECK(STREQ(fold("Cà Phê"), "ca phe"));
    CHECK(STREQ(fold("Đậu phộng"), "dau phong"));
    CHECK(STREQ(fold("ĐƯỜNG"), "duong"));
    CHECK(STREQ(fold("Dầu ăn"), "dau an"));
    CHECK(STREQ(fold("ĐẶC BIỆT"), "dac biet"));
    /* NFD input (combining marks) folds as NFC does */
    CHECK(STREQ(fold("Ca\xCC\x80 Phe\xCC\x82"), "ca phe"));
    CHECK(STREQ(fold("\xC4\x90" "u\xCC\x9B" "o\xCC\x9B\xCC\x80" "ng su\xCC\x9B\xCC\x83" "a"), "duong sua"));
    CHECK(STREQ(fold("\xC4\x90" "a\xCC\xA3\xCC\x82" "u pho\xCC\xA3\xCC\x82" "ng"), "dau phong"));
    CHECK(STREQ(fold("Đường sữa"), "duong sua"));
    /* letters and digits are separate tokens; other characters separate */
    CHECK(STREQ(fold("Sữa tươi 1L"), "sua tuoi 1 l"));
    CHECK(STREQ(fold("500g"), "500 g"));
    CHECK(STREQ(fold("  Coca-Cola, 330ml!! "), "coca cola 330 ml"));
    CHECK(STREQ(fold("Sữa chua\tnha đam\n(4 hộp x 100g)"), "sua chua nha dam 4 hop x 100 g"));
    CHECK(STREQ(fold("Gạo ST25"), "gao st 25"));
    /* apostrophes inside a word are dropped */
    CHECK(STREQ(fold("Lay's"), "lays"));
    CHECK(STREQ(fold("L’Oréal Paris"), "loreal paris"));
    CHECK(STREQ(fold("'quoted'"), "quoted"));
    /* compatibility forms, case folding, ignorables */
    CHECK(STREQ(fold("ＡＢＣ１２３"), "abc 123"));
    CHECK(STREQ(fold("Straße"), "strasse"));
    CHECK(STREQ(fold("ﬁlet"), "filet"));
    CHECK(STREQ(fold("cà\xC2\xAD" "phê"), "caphe"));   /* soft hyphen */
    CHECK(STREQ(fold("a\xC2\xA0" "b"), "a b"));        /* no-break space */
    CHECK(STREQ(fold("Bánh 餃子"), "banh 餃子"));
    /* invalid UTF-8 separates, never crashes */
    CHECK(STREQ(fold("ab\xFF" "cd\xE1\xBA"), "ab cd"));
    CHECK(STREQ(fold(""), ""));
    CHECK(STREQ(fold(" ,.-!? "), ""));
    /* the output buffer */
    char small[8];
    CHECK(grocer_search_fold("ca phe", 6, small, 7) == 6 && STREQ(small, "ca phe"));
    CHECK(grocer_search_fold("ca phe", 6, small, 6) == -1);
    CHECK(grocer_search_fold("Cà Phê", strlen("Cà Phê"), small, 0) == -1);
    CHECK(grocer_search_fold("Cà Phê sữa", 4, small, sizeof small) == 2 && STREQ(small, "ca"));
}


/* ---- a small catalog ---- */

enum {
    D_CPSD, D_SUA_CP, D_SUA_TUOI, D_CP_RANG, D_DAU_AN, D_THIT_HEO, D_THIT_LON, D_DAU_PHONG,
    D_BANH_MI, D_BANH_QUY, D_SUA_CHUA, D_PHO, D_XUC_XICH, D_CA_HOI, D_MULTI, D_GAO, D_CHOC, D_TYPO,
    D_LAST = 20
};

static void add(grocer_search_t *s, uint32_t doc, int field, const char *text)
{
    CHECK(grocer_search_add(s, doc, field, text, strlen(text)) == 0);
}

static grocer_search_t *small_index(void)
{
    grocer_search_t *s = grocer_search_new();
    CHECK(s != NULL);
    /* out of order on purpose, and one doc past a hole */
    add(s, D_LAST, 0, "Nước mắm Phú Quốc");
    add(s, D_CPSD, 0, "Cà phê sữa đá Highlands");
    add(s, D_CPSD, 1, "Highlands iced milk coffee");
    add(s, D_CPSD, 2, "Highlands Coffee");
    add(s, D_CPSD, 3, "Đồ uống");
    add(s, D_SUA_CP, 0, "Sữa tươi vị cà phê Vinamilk");
    add(s, D_SUA_CP, 1, "Vinamilk coffee fresh milk");
    add(s, D_SUA_CP, 2, "Vinamilk");
    add(s, D_SUA_TUOI, 1, "Vinamilk UHT fresh milk with sugar 1L");
    add(s, D_SUA_TUOI, 0, "Sữa tươi tiệt trùng Vinamilk có đường 1L");
    add(s, D_SUA_TUOI, 2, "Vinamilk");
    add(s, D_SUA_TUOI, 3, "Sữa các loại");
    add(s, D_CP_RANG, 0, "Cà phê rang xay Trung Nguyên");
    add(s, D_CP_RANG, 1, "Trung Nguyen ground coffee");
    add(s, D_CP_RANG, 2, "Trung Nguyên");
    add(s, D_CP_RANG, 3, "Cà phê");
    add(s, D_DAU_AN, 0, "Dầu ăn Neptune 1L");
    add(s, D_DAU_AN, 1, "Neptune cooking oil 1L");
    add(s, D_DAU_AN, 3, "Dầu ăn và gia vị");
    add(s, D_THIT_HEO, 0, "Thịt heo xay");
    add(s, D_THIT_HEO, 1, "Minced pork");
    add(s, D_THIT_HEO, 3, "Thịt");
    add(s, D_THIT_LON, 0, "Thịt lợn ba chỉ");
    add(s, D_THIT_LON, 1, "Pork belly");
    add(s, D_THIT_LON, 3, "Thịt");
    add(s, D_DAU_PHONG, 0, "Đậu phộng rang muối");
    add(s, D_DAU_PHONG, 1, "Salted roasted peanuts");
    add(s, D_BANH_MI, 0, "Bánh mì sandwich");
    add(s, D_BANH_MI, 1, "Sandwich bread");
    add(s, D_BANH_QUY, 0, "Bánh quy bơ Danisa");
    add(s, D_BANH_QUY, 1, "Danisa butter cookies");
    add(s, D_BANH_QUY, 2, "Danisa");
    add(s, D_SUA_CHUA, 0, "Sữa chua Vinamilk");
    add(s, D_SUA_CHUA, 3, "Sữa chua");
    add(s, D_PHO, 0, "Phở bò ăn liền");
    add(s, D_XUC_XICH, 0, "Xúc xích Đức");
    add(s, D_XUC_XICH, 3, "Thịt chế biến");
    add(s, D_CA_HOI, 0, "Cá hồi phi lê");
    add(s, D_CA_HOI, 1, "Salmon fillet");
    /* two texts in one field: a phrase does not span them */
    add(s, D_MULTI, 3, "Đồ uống");
    add(s, D_MULTI, 3, "Sữa");
    add(s, D_MULTI, 0, "Hộp quà");
    add(s, D_MULTI, 0, "");
    add(s, D_GAO, 0, "Gạo ST25 túi 5kg");
    add(s, D_GAO, 1, "ST25 rice 5 kg bag");
    add(s, D_CHOC, 0, "Bánh xốp sô cô la");
    add(s, D_CHOC, 1, "Chocolate wafers");
    add(s, D_TYPO, 1, "Chocolte wafer rolls");   /* misspelt in the data */
    CHECK(grocer_search_build(s) == 0);
    return s;
}

static grocer_search_hit_t hits[64];

/* Runs the queries (NULL-terminated list); returns the count. */
static int run(grocer_search_t *s, const char *q0, const char *q1, const char *q2)
{
    const char *qs[3] = { q0, q1, q2 };
    int nq = q2 ? 3 : q1 ? 2 : 1;
    memset(hits, 0xAB, sizeof hits);
    return grocer_search_query(s, qs, nq, hits, 64);
}

/* The hit for doc in the last run, or NULL. */
static const grocer_search_hit_t *hit(int n, uint32_t doc)
{
    for (int i = 0; i < n && i < 64; i++)
        if (hits[i].doc == doc) return &hits[i];
    return NULL;
}

static int tier(int n, uint32_t doc)
{
    const grocer_search_hit_t *h = hit(n, doc);
    return h ? h->tier : -1;
}

static int in_doc_order(int n)
{
    for (int i = 1; i < n && i < 64; i++)
        if (hits[i - 1].doc >= hits[i].doc) return 0;
    return 1;
}

static void test_tiers(grocer_search_t *s)
{
    int n;

    /* exact phrase beats all words */
    n = run(s, "ca phe sua", NULL, NULL);
    CHECK(n == 2);
    CHECK(tier(n, D_CPSD) == 4);
    CHECK(tier(n, D_SUA_CP) == 3);
    CHECK(in_doc_order(n));
    n = run(s, "CÀ PHÊ SỮA", NULL, NULL);
    CHECK(n == 2 && tier(n, D_CPSD) == 4 && tier(n, D_SUA_CP) == 3);
    n = run(s, "Ca\xCC\x80 phe\xCC\x82 su\xCC\x9B\xCC\x83" "a", NULL, NULL);   /* NFD */
    CHECK(n == 2 && tier(n, D_CPSD) == 4 && tier(n, D_SUA_CP) == 3);

    /* one word: exact counts as a phrase; name beats category, start and short names score */
    n = run(s, "thit", NULL, NULL);
    CHECK(n == 3);
    CHECK(tier(n, D_THIT_HEO) == 4 && tier(n, D_THIT_LON) == 4 && tier(n, D_XUC_XICH) == 4);
    CHECK(hit(n, D_THIT_HEO)->score > hit(n, D_XUC_XICH)->score);
    CHECK(hit(n, D_THIT_HEO)->score > hit(n, D_THIT_LON)->score);   /* 3 tokens against 4 */

    /* prefix: only the last word, and not after a trailing space */
    n = run(s, "ca ph", NULL, NULL);   /* ca phe, and ca hoi phi le */
    CHECK(n == 4);
    CHECK(tier(n, D_CPSD) == 2 && tier(n, D_SUA_CP) == 2 && tier(n, D_CP_RANG) == 2);
    CHECK(tier(n, D_CA_HOI) == 2);
    n = run(s, "ph ca", NULL, NULL);
    CHECK(tier(n, D_CPSD) < 1);
    n = run(s, "ca ph ", NULL, NULL);
    CHECK(tier(n, D_CPSD) == 0);   /* partial: "ph" is not a word */
    n = run(s, "vinam", NULL, NULL);
    CHECK(n == 3 && tier(n, D_SUA_CP) == 2 && tier(n, D_SUA_TUOI) == 2 && tier(n, D_SUA_CHUA) == 2);
    n = run(s, "ca phe s", NULL, NULL);
    CHECK(tier(n, D_CPSD) == 2 && tier(n, D_SUA_CP) == 2);
    n = run(s, "ca phe", NULL, NULL);   /* the exact token beats its prefix extensions */
    CHECK(n == 3 && tier(n, D_CPSD) == 4 && tier(n, D_CP_RANG) == 4 && tier(n, D_SUA_CP) == 4);
    CHECK(hit(n, D_CP_RANG)->score > hit(n, D_SUA_CP)->score);   /* at the start of the name */

    /* one typo on words of 5+ letters */
    n = run(s, "vinamlik", NULL, NULL);   /* transposition */
    CHECK(n == 3 && tier(n, D_SUA_CP) == 1 && tier(n, D_SUA_TUOI) == 1 && tier(n, D_SUA_CHUA) == 1);
    n = run(s, "vinamilk", NULL, NULL);
    CHECK(n == 3 && tier(n, D_SUA_CP) == 4);
    CHECK(run(s, "vinamillk", NULL, NULL) == 3);   /* insertion */
    CHECK(run(s, "vinmilk", NULL, NULL) == 3);     /* deletion */
    CHECK(run(s, "vinamilc", NULL, NULL) == 3);    /* substitution */
    CHECK(run(s, "xinamilk", NULL, NULL) == 3);    /* first letter */
    CHECK(run(s, "vanamlik", NULL, NULL) == 0);    /* two edits */
    n = run(s, "sua vinamlik", NULL, NULL);
    CHECK(n == 3 && tier(n, D_SUA_TUOI) == 1);
    n = run(s, "dnaisa bánh", NULL, NULL);
    CHECK(n == 1 && tier(n, D_BANH_QUY) == 1);
    /* 4-letter words get no typo */
    CHECK(run(s, "bnah", NULL, NULL) == 0);
    CHECK(run(s, "thti", NULL, NULL) == 0);
    CHECK(run(s, "bnah quy", NULL, NULL) == 1 && hits[0].tier == 0);   /* only partial */
    /* a word found only in a rare token (a typo in the data) is matched with one edit too */
    n = run(s, "chocolte", NULL, NULL);
    CHECK(n == 2 && tier(n, D_TYPO) == 4 && tier(n, D_CHOC) == 1);
    n = run(s, "chocolate wafer", NULL, NULL);
    CHECK(n == 2 && tier(n, D_CHOC) == 2 && tier(n, D_TYPO) == 1);
    /* digits get no typo */
    CHECK(run(s, "25000", NULL, NULL) == 0);

    /* English names and other fields */
    n = run(s, "fresh milk", NULL, NULL);
    CHECK(n == 2 && tier(n, D_SUA_CP) == 4 && tier(n, D_SUA_TUOI) == 4);
    n = run(s, "milk coffee", NULL, NULL);
    CHECK(n == 2 && tier(n, D_CPSD) == 4 && tier(n, D_SUA_CP) == 3);
    n = run(s, "trung nguyen ground coffee", NULL, NULL);
    CHECK(n == 1 && tier(n, D_CP_RANG) == 4);
    n = run(s, "trung nguyen coffee", NULL, NULL);
    CHECK(n == 1 && tier(n, D_CP_RANG) == 3);
    n = run(s, "highlands do uong", NULL, NULL);   /* brand + category: all words, no phrase */
    CHECK(n == 1 && tier(n, D_CPSD) == 3);

    /* texts added to one field do not form a phrase across them */
    n = run(s, "do uong sua", NULL, NULL);
    CHECK(n == 2 && tier(n, D_MULTI) == 3 && tier(n, D_CPSD) == 3);
    n = run(s, "do uong", NULL, NULL);
    CHECK(n == 2 && tier(n, D_MULTI) == 4 && tier(n, D_CPSD) == 4);

    /* letters and digits */
    n = run(s, "gạo st25", NULL, NULL);
    CHECK(n == 1 && tier(n, D_GAO) == 4);
    n = run(s, "st25 5kg", NULL, NULL);
    CHECK(n == 1 && tier(n, D_GAO) == 3);
    n = run(s, "5kg", NULL, NULL);
    CHECK(n == 1 && tier(n, D_GAO) == 4);
    n = run(s, "gao 5 kg", NULL, NULL);
    CHECK(n == 1 && tier(n, D_GAO) == 3);
    n = run(s, "Nuoc mam phu quoc", NULL, NULL);
    CHECK(n == 1 && tier(n, D_LAST) == 4);
}

static void test_variants_partial_empty(grocer_search_t *s)
{
    int n;

    /* synonym variants: each doc once, with its best */
    n = run(s, "thit heo", NULL, NULL);
    CHECK(n == 1 && tier(n, D_THIT_HEO) == 4);
    n = run(s, "thit heo", "thit lon", NULL);
    CHECK(n == 2 && tier(n, D_THIT_HEO) == 4 && tier(n, D_THIT_LON) == 4);
    CHECK(in_doc_order(n));
    n = run(s, "ca phe sua", "ca phe", NULL);
    CHECK(n == 3 && tier(n, D_SUA_CP) == 4 && tier(n, D_CPSD) == 4 && tier(n, D_CP_RANG) == 4);
    n = run(s, "sua vinamlik", "vinamilk", NULL);
    CHECK(n == 3 && tier(n, D_SUA_TUOI) == 4 && tier(n, D_SUA_CHUA) == 4);

    /* partial: only when no doc matched every word, more words first */
    n = run(s, "ca phe xyzabcq", NULL, NULL);
    CHECK(n == 4);
    CHECK(tier(n, D_CPSD) == 0 && tier(n, D_SUA_CP) == 0 && tier(n, D_CP_RANG) == 0);
    CHECK(tier(n, D_CA_HOI) == 0);
    CHECK(hit(n, D_CPSD)->score > hit(n, D_CA_HOI)->score);
    n = run(s, "ca phe highlands", NULL, NULL);
    CHECK(n == 1 && tier(n, D_CPSD) == 3);
    n = run(s, "ca phe xyzabcq", "highlands", NULL);   /* a full hit in any variant */
    CHECK(n == 1 && tier(n, D_CPSD) == 4);
    CHECK(run(s, "xyzabcq", NULL, NULL) == 0);
    CHECK(run(s, "xyzabcq qqq", NULL, NULL) == 0);

    /* empty queries */
    CHECK(run(s, "", NULL, NULL) == 0);
    CHECK(run(s, " ,, -- ", NULL, NULL) == 0);
    CHECK(grocer_search_query(s, NULL, 0, hits, 64) == 0);
    const char *nulls[2] = { NULL, "" };
    CHECK(grocer_search_query(s, nulls, 2, hits, 64) == 0);

    /* the cap: the count is still the whole, the first docs are written */
    const char *qs[1] = { "vinamilk" };
    memset(hits, 0xAB, sizeof hits);
    CHECK(grocer_search_query(s, qs, 1, hits, 1) == 3);
    CHECK(hits[0].doc == D_SUA_CP && hits[1].doc == 0xABABABABu);
    CHECK(grocer_search_query(s, qs, 1, NULL, 0) == 3);

    /* repeated queries leave nothing behind */
    for (int i = 0; i < 3; i++) {
        CHECK(run(s, "thit", NULL, NULL) == 3);
        CHECK(run(s, "ca phe xyzabcq", NULL, NULL) == 4);
    }
}

static void test_complete_and_refusals(grocer_search_t *s)
{
    const char *words[4];
    int n = grocer_search_complete(s, "cà ph", strlen("cà ph"), words, 4);
    CHECK(n == 4);   /* of phe, phi, pho, phong, phu */
    CHECK(n > 0 && STREQ(words[0], "phe"));   /* in 3 docs, the others in 1 */
    n = grocer_search_complete(s, "vinam", 5, words, 4);
    CHECK(n == 1 && STREQ(words[0], "vinamilk"));
    CHECK(grocer_search_complete(s, "ca ph ", 6, words, 4) == 0);
    CHECK(grocer_search_complete(s, "", 0, words, 4) == 0);
    CHECK(grocer_search_complete(s, "zzz", 3, words, 4) == 0);
    n = grocer_search_complete(s, "s", 1, words, 1);
    CHECK(n == 1 && STREQ(words[0], "sua"));

    CHECK(grocer_search_add(s, 0, 0, "late", 4) == -1);
    CHECK(grocer_search_build(s) == -1);
    CHECK(grocer_search_doc_count(s) == D_LAST + 1);
    CHECK(grocer_search_memory(s) > 0);

    grocer_search_t *t = grocer_search_new();
    const char *qs[1] = { "x" };
    CHECK(grocer_search_query(t, qs, 1, hits, 64) == -1);
    CHECK(grocer_search_add(t, 0, 4, "x", 1) == -1);
    CHECK(grocer_search_add(t, 0, -1, "x", 1) == -1);
    CHECK(grocer_search_add(t, GROCER_SEARCH_MAX_DOC + 1, 0, "x", 1) == -1);
    CHECK(grocer_search_build(t) == 0);   /* an empty index answers */
    CHECK(grocer_search_query(t, qs, 1, hits, 64) == 0);
    CHECK(grocer_search_complete(t, "x", 1, words, 4) == 0);
    CHECK(grocer_search_query(t, qs, 1, hits, -1) == -1);
    grocer_search_free(t);
    grocer_search_free(NULL);
}


/* ---- 50,000 synthetic products ---- */

static const char *const kinds[][2] = {
    { "Sữa tươi", "Fresh milk" }, { "Sữa chua", "Yogurt" }, { "Cà phê hòa tan", "Instant coffee" },
    { "Cà phê rang xay", "Ground coffee" }, { "Mì ăn liền", "Instant noodles" },
    { "Bánh quy bơ", "Butter cookies" }, { "Nước mắm", "Fish sauce" }, { "Dầu ăn", "Cooking oil" },
    { "Gạo thơm", "Fragrant rice" }, { "Thịt heo xay", "Minced pork" }, { "Nước ngọt có ga", "Soft drink" },
    { "Bia lon", "Canned beer" }, { "Trà xanh", "Green tea" }, { "Kẹo dẻo", "Gummy candy" },
    { "Nước giặt", "Laundry detergent" }, { "Dầu gội", "Shampoo" }, { "Tã em bé", "Baby diapers" },
    { "Xúc xích", "Sausage" }, { "Rau muống", "Water spinach" }, { "Chuối già", "Bananas" },
    { "Bánh mì sandwich", "Sandwich bread" }, { "Nước tương", "Soy sauce" }, { "Sữa đặc", "Condensed milk" },
    { "Phô mai", "Cheese" }, { "Cá hồi phi lê", "Salmon fillet" }, { "Tôm sú", "Tiger prawns" },
    { "Đậu phộng rang", "Roasted peanuts" }, { "Nước rửa chén", "Dish soap" }, { "Khăn giấy", "Tissues" },
    { "Bột giặt", "Washing powder" }, { "Sữa bột trẻ em", "Infant formula" }, { "Hạt điều", "Cashews" },
};
static const char *const brands[] = {
    "Vinamilk", "TH True Milk", "Trung Nguyên", "Highlands", "Acecook", "Masan", "Chin-su", "Neptune",
    "Simply", "Omo", "Sunlight", "Pampers", "Huggies", "Heineken", "Tiger", "Sài Gòn", "Vissan",
    "Kinh Đô", "Orion", "Lay's", "Pepsi", "Coca-Cola", "Nestlé", "Dutch Lady", "Ba Huân", "Cholimex",
};
static const char *const extras[] = {
    "có đường", "không đường", "ít đường", "vị dâu", "vị sô cô la", "hương cam", "cay", "đặc biệt",
    "hữu cơ", "gia đình", "loại 1", "tiệt trùng", "nguyên chất", "truyền thống", "cao cấp", "",
};
static const char *const sizes[] = {
    "180ml", "1L", "500g", "1kg", "5kg", "330ml", "gói 75g", "hộp 12 cái", "thùng 24 lon", "2 lít",
};
static const char *const cats[] = {
    "Sữa và trứng", "Đồ uống", "Thực phẩm khô", "Gia vị", "Thịt và gia cầm", "Hóa phẩm",
    "Chăm sóc cá nhân", "Mẹ và bé", "Bánh kẹo", "Rau củ quả tươi", "Hải sản", "Đông lạnh",
};

static uint32_t rng = 12345;

static uint32_t next(void)
{
    rng = rng * 1103515245u + 12345u;
    return rng >> 8;
}

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* A made-up product line name ("Kravo"), so the dictionary grows as a real one does. */
static void line_name(char *out)
{
    static const char *const on[] = { "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "tr", "ch", "ph" };
    static const char *const nu[] = { "a", "e", "i", "o", "u", "ai", "eo", "ia", "oa", "uy" };
    int n = 2 + (int)(next() % 2);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        strcat(out, on[next() % NITEMS(on)]);
        strcat(out, nu[next() % NITEMS(nu)]);
    }
    out[0] = (char)(out[0] - 32);
}

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void test_large(void)
{
    enum { N = 50000 };
    grocer_search_t *s = grocer_search_new();
    char vi[256], en[256], line[32];
    double t0 = now_us();
    for (uint32_t d = 0; d < N; d++) {
        const char *const *k = kinds[next() % NITEMS(kinds)];
        const char *b = brands[next() % NITEMS(brands)];
        const char *x = extras[next() % NITEMS(extras)];
        const char *z = sizes[next() % NITEMS(sizes)];
        line_name(line);
        snprintf(vi, sizeof vi, "%s %s %s %s %s", k[0], b, line, x, z);
        snprintf(en, sizeof en, "%s %s %s %s", b, line, k[1], z);
        add(s, d, 0, vi);
        add(s, d, 1, en);
        add(s, d, 2, b);
        add(s, d, 3, cats[next() % NITEMS(cats)]);
    }
    double t1 = now_us();
    CHECK(grocer_search_build(s) == 0);
    double t2 = now_us();
    CHECK(grocer_search_doc_count(s) == N);
    printf("search_test: %d docs: add %.1f ms, build %.1f ms, %.1f MB\n", N, (t1 - t0) / 1e3,
           (t2 - t1) / 1e3, grocer_search_memory(s) / 1048576.0);

    static const char *const queries[] = {
        "sua", "sua tuoi", "sua tuoi vinamilk", "ca phe sua", "ca phe hoa tan trung nguyen", "s",
        "sua t", "vinamlik", "nuoc mam cholimex", "banh quy bo", "thit heo xay", "fresh milk",
        "instant noodles acecook", "xyzabcq qqq", "sua xyzabcq", "heineken 330 ml", "tra xanh kh",
    };
    static grocer_search_hit_t big[N];
    for (size_t i = 0; i < NITEMS(queries); i++) {
        const char *q[1] = { queries[i] };
        int n = grocer_search_query(s, q, 1, big, N);
        int reps = 200;
        double a = now_us();
        for (int r = 0; r < reps; r++) grocer_search_query(s, q, 1, big, N);
        double us = (now_us() - a) / reps;
        int best = -1;
        for (int j = 0; j < n && j < N; j++)
            if (big[j].tier > best) best = big[j].tier;
        printf("search_test:   %-30s %6d hits, best tier %2d, %8.1f us\n", queries[i], n, best, us);
        if (strcmp(queries[i], "xyzabcq qqq") == 0)
            CHECK(n == 0);
        else
            CHECK(n > 0);
    }
    const char *v[2] = { "thit heo xay", "thit lon xay" };
    CHECK(grocer_search_query(s, v, 2, big, N) > 0);
    const char *w[8];
    CHECK(grocer_search_complete(s, "sua t", 5, w, 8) > 0);
    grocer_search_free(s);
}

/* Random bytes and Vietnamese fragments: folding stays within its buffer and is idempotent;
 * an index of such texts builds and answers in doc order. */
static void test_random(void)
{
    static const char *const bits[] = {
        "a", "Đ", "ư", "ờ", "\xCC\x80", "\xCC\x9B", " ", "-", "'", "9", "Ｑ", "ﬁ", "ß", "\xE1\xBA", "\xFF",
        "\xC2\xAD", "餃", "Ⅻ", "½",
    };
    char in[96], out[96], again[96];
    grocer_search_t *s = grocer_search_new();
    for (uint32_t i = 0; i < 4000; i++) {
        size_t n = 0;
        for (uint32_t parts = next() % 12; parts > 0; parts--) {
            const char *b = bits[next() % NITEMS(bits)];
            if (n + strlen(b) >= sizeof in) break;
            memcpy(in + n, b, strlen(b));
            n += strlen(b);
        }
        size_t cap = next() % sizeof out;
        int m = grocer_search_fold(in, n, out, cap);
        CHECK(m == -1 || ((size_t)m < cap && strlen(out) == (size_t)m));
        if (m > 0) {
            CHECK(grocer_search_fold(out, (size_t)m, again, sizeof again) == m && strcmp(out, again) == 0);
            CHECK(out[0] != ' ' && out[m - 1] != ' ' && strstr(out, "  ") == NULL);
        }
        if (i < 2000) CHECK(grocer_search_add(s, i / 2, (int)(i % 4), in, n) == 0);
        else if (i == 2000) CHECK(grocer_search_build(s) == 0);
        else {
            const char *q[2] = { in, "a" };
            int h = grocer_search_query(s, q, 1 + (int)(i % 2), hits, 64);
            CHECK(h >= 0 && in_doc_order(h));
        }
    }
    grocer_search_free(s);
}

int main(void)
{
    test_fold();
    grocer_search_t *s = small_index();
    test_tiers(s);
    test_variants_partial_empty(s);
    test_complete_and_refusals(s);
    grocer_search_free(s);
    test_large();
    test_random();
    if (failures) {
        fprintf(stderr, "search_test: %d failure(s)\n", failures);
        return 1;
    }
    printf("search_test: ok\n");
    return 0;
}
