-- bench/sql/schema.sql: the data of the TechEmpower database tests of `make bench`, loaded by
-- bench/run.sh (psql, as the owner of database "bench") into the PostgreSQL cluster the
-- benchmark starts for itself. Owns "world" (10,000 rows of random numbers: /db, /queries,
-- /updates) and "fortune" (the 12 standard rows, one with <script> to test escaping and one
-- in Japanese to test UTF-8: /fortunes). Reloaded on every run, so /updates starts afresh.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
BEGIN;

DROP TABLE IF EXISTS world;
CREATE TABLE world (
    id           integer PRIMARY KEY,
    randomnumber integer NOT NULL DEFAULT 0
);
INSERT INTO world (id, randomnumber)
SELECT g, floor(random() * 10000)::integer + 1
FROM generate_series(1, 10000) AS g;

DROP TABLE IF EXISTS fortune;
CREATE TABLE fortune (
    id      integer PRIMARY KEY,
    message text    NOT NULL
);
INSERT INTO fortune (id, message) VALUES
    (1,  'fortune: No such file or directory'),
    (2,  'A computer scientist is someone who fixes things that aren''t broken.'),
    (3,  'After enough decimal places, nobody gives a damn.'),
    (4,  'A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1'),
    (5,  'A computer program does what you tell it to do, not what you want it to do.'),
    (6,  'Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen'),
    (7,  'Any program that runs right is obsolete.'),
    (8,  'A list is only as strong as its weakest link. — Donald Knuth'),
    (9,  'Feature: A bug with seniority.'),
    (10, 'Computers make very fast, very accurate mistakes.'),
    (11, '<script>alert("This should not be displayed in a browser alert box.");</script>'),
    (12, 'フレームワークのベンチマーク');

COMMIT;
VACUUM (ANALYZE) world;
VACUUM (ANALYZE) fortune;
