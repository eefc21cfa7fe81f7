-- scripts/search/weights.lua: how search ranks, as the weights handed to catalog.search. The C
-- side ranks each hit by
--     tier weight + text * score + popularity * popularity + in_stock (when in stock at the store)
--     + category (when every query word is in the product's category or aisle name)
--     + marks (when the query was typed with diacritics and the name holds it exactly so)
-- where tier is 4 exact phrase, 3 every word exact, 2 prefix, 1 one typo, 0 some words only, and
-- score is the engine's relevance inside a tier (per query word: name 40, English name 40, brand 30,
-- category 10; +15 when the query's first word starts the name; minus the name's word count).
--
-- The steps keep the issue's order: a tier always beats the next one (its step, 1e9, is more
-- than anything else can add). Inside a tier the text score, in stock and popularity mix, in
-- these proportions (measured on the seeded catalog, where popularity runs from 20 to 100,000,
-- median 33, top 1% at 64,000 and more):
--   where the words matched: a name rather than only the aisle, 30 points = 1.5e7;
--   the name starting with the query, 15 points = 7.5e6;
--   the product's aisle named by the query ("milk" in Milk, not Milk Duds in Sweets), 1.5e7;
--   the diacritics as typed ("dứa" is pineapple: Dứa before Dưa leo and Dừa), 2e7;
--   in stock at the shopper's store, 1e7;
--   popularity, up to 3e7, so the best sellers come first among names that match alike
--     ("coffee" lists the coffees people buy before a coffee-flavoured chocolate whose English
--     name starts with "Coffee");
--   each word of the name, -5e5 (shorter names, closer to the query, first).
local _M = {}


_M.RANK = {
    phrase = 4e9,
    all_words = 3e9,
    prefix = 2e9,
    fuzzy = 1e9,
    partial = 0,
    text = 5e5,
    in_stock = 1e7,
    popularity = 300,
    category = 1.5e7,
    marks = 2e7,
}


-- Search-as-you-type (the suggest endpoint): the same order; stock matters less for a hint.
_M.SUGGEST = {
    phrase = 4e9,
    all_words = 3e9,
    prefix = 2e9,
    fuzzy = 1e9,
    partial = 0,
    text = 5e5,
    in_stock = 3e6,
    popularity = 300,
    category = 1.5e7,
    marks = 2e7,
}


return _M
