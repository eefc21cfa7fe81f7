-- bench/catalog/sql/listing.sql: the reference stack's catalogue for its /products page, loaded
-- by bench/catalog.sh into database "listing" of the benchmark's cluster on every run. It is the
-- shape of ../shared/anchors (the reference the issue names): 20 categories, 50,000 products,
-- 2,500 per category, a listing read per page with LIMIT/OFFSET through a covering index.
-- One name in 11 carries markup, quotes and an ampersand, so pages exercise escaping.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
BEGIN;

DROP TABLE IF EXISTS product;
DROP TABLE IF EXISTS category;

CREATE TABLE category (
    k     integer PRIMARY KEY,   -- 0..19: product id mod 20
    slug  text NOT NULL UNIQUE,
    label text NOT NULL
);
INSERT INTO category (k, slug, label) VALUES
    (0, 'rau-cu', 'Rau củ'),                     (1, 'trai-cay', 'Trái cây'),
    (2, 'thit-tuoi', 'Thịt tươi'),               (3, 'hai-san', 'Hải sản'),
    (4, 'sua-trung', 'Sữa & trứng'),             (5, 'gao-ngu-coc', 'Gạo & ngũ cốc'),
    (6, 'mi-an-lien', 'Mì ăn liền'),             (7, 'gia-vi', 'Gia vị'),
    (8, 'nuoc-cham', 'Nước mắm & nước chấm'),    (9, 'dau-an', 'Dầu ăn'),
    (10, 'do-uong', 'Đồ uống'),                  (11, 'bia-ruou', 'Bia & rượu'),
    (12, 'banh-keo', 'Bánh kẹo'),                (13, 'dong-lanh', 'Thực phẩm đông lạnh'),
    (14, 'cham-soc-ca-nhan', 'Chăm sóc cá nhân'), (15, 'tay-rua', 'Tẩy rửa'),
    (16, 'me-va-be', 'Mẹ & bé'),                 (17, 'do-hop', 'Đồ hộp'),
    (18, 'do-kho', 'Đồ khô'),                    (19, 'an-vat', 'Ăn vặt');

CREATE TABLE product (
    id        integer PRIMARY KEY,
    sku       text    NOT NULL UNIQUE,
    name      text    NOT NULL,
    price_vnd bigint  NOT NULL CHECK (price_vnd > 0),
    category  text    NOT NULL REFERENCES category (slug),
    stock     integer NOT NULL CHECK (stock >= 0)
);
INSERT INTO product (id, sku, name, price_vnd, category, stock)
SELECT g,
       'REF-' || lpad(g::text, 6, '0'),
       c.label || ' số ' || (g % 9 + 1) || ', gói ' || (g % 4 + 1) * 200 || ' g'
           || CASE WHEN g % 11 = 0 THEN ' <i>"khuyến mãi"</i> & ''hot''' ELSE '' END,
       1000 + (g::bigint * 104729) % 1500 * 500,
       c.slug,
       (g * 37) % 150
FROM generate_series(1, 50000) AS g
JOIN category c ON c.k = g % 20;

-- The listing query (WHERE category = $1 ORDER BY id LIMIT/OFFSET) as an index-only scan: with
-- a plain (category, id) index the planner sorts the whole category instead (anchors: ~4x slower).
CREATE INDEX product_listing ON product (category, id) INCLUDE (sku, name, price_vnd, stock);

COMMIT;
VACUUM (ANALYZE) category;
VACUUM (ANALYZE) product;   -- the visibility map: index-only scans skip the heap
