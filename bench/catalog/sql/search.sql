-- bench/catalog/sql/search.sql: PostgreSQL full-text search over grocer's own products, the way
-- most teams would build it: unaccent + pg_trgm, a search document per product with GIN indexes,
-- one parameterised query (bench/catalog/ref_catalog.lua, SEARCH_SQL). Loaded by bench/catalog.sh
-- (as the superuser, for CREATE EXTENSION) into the grocer database after `grocer seed`, on every
-- run. It adds objects beside grocer's schema and changes none of grocer's tables.
--
-- The document: the product's Vietnamese name (weight A), its brand (A), English name (B) and its
-- category's names (C), folded (lower case, accents off: unaccent maps đ to d), as a 'simple'
-- tsvector (no stemming: Vietnamese syllables are words) for exact and prefix matches, and as
-- plain text with a trigram index for typos. A real shop keeps ref_search current with a trigger
-- on products; the benchmark writes nothing, so it is built once per run.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE (its dictionary could change), so index expressions and generated
-- columns cannot call it; the usual IMMUTABLE wrapper names the dictionary explicitly.
CREATE OR REPLACE FUNCTION ref_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- Typos: word_similarity's default threshold (0.6) misses one transposed letter in a short word
-- ('vinamlik' is 0.56 from 'vinamilk'); 0.5 finds it. Set on the database: new sessions take it.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET pg_trgm.word_similarity_threshold = 0.5', current_database());
END
$$;

BEGIN;
DROP TABLE IF EXISTS ref_search;
CREATE TABLE ref_search (
    product_id integer PRIMARY KEY,   -- products.id; no foreign key: grocer seed --force truncates products
    doc        tsvector NOT NULL,
    txt        text NOT NULL,
    popularity integer NOT NULL
);
INSERT INTO ref_search (product_id, doc, txt, popularity)
SELECT p.id,
       setweight(to_tsvector('simple', ref_fold(p.name_vi)), 'A')
           || setweight(to_tsvector('simple', ref_fold(coalesce(b.name, ''))), 'A')
           || setweight(to_tsvector('simple', ref_fold(p.name_en)), 'B')
           || setweight(to_tsvector('simple', ref_fold(c.name_vi || ' ' || c.name_en)), 'C'),
       ref_fold(p.name_vi || ' ' || coalesce(b.name, '') || ' ' || p.name_en),
       p.popularity
FROM products p
JOIN categories c ON c.id = p.category_id
LEFT JOIN brands b ON b.id = p.brand_id
WHERE p.active;

CREATE INDEX ref_search_doc ON ref_search USING gin (doc);
CREATE INDEX ref_search_trgm ON ref_search USING gin (txt gin_trgm_ops);
GRANT SELECT ON ref_search TO bench;
COMMIT;

VACUUM (ANALYZE) ref_search;
