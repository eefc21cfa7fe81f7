-- 0002_catalog.sql: the catalog (categories, brands, products), the stores and their stock, and
-- the triggers that turn every change to them into an outbox event and a NOTIFY.
--
-- Money is integer VND (bigint, columns end in _vnd), prices include VAT. For unit = 'kg' the
-- price is per kilogram and every quantity (stock, cart, order) is in grams; otherwise pieces.
-- net_quantity/net_unit give the contents of one piece or pack (grams or millilitres), from
-- which pages show the price per kg or per litre for comparison.
--
-- Change flow (DESIGN.md, Data and Events): a trigger writes the outbox row in the same
-- transaction as the change and NOTIFYs grocer_changes with {"table","id","seq"} (seq = the outbox
-- id). Every worker's read model reads the changed rows after its last seq; the Kafka relay
-- publishes the outbox. A bulk load (grocer seed) sets grocer.bulk = 'on' in its transaction: the
-- triggers stay silent and the seed sends one {"table":"catalog"} NOTIFY that reloads everything.

CREATE TABLE categories (
    id          serial PRIMARY KEY,
    parent_id   integer REFERENCES categories (id),
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name_vi     text NOT NULL,
    name_en     text NOT NULL,
    position    integer NOT NULL DEFAULT 0,          -- order among its siblings
    CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX categories_parent ON categories (parent_id);

CREATE TABLE brands (
    id          serial PRIMARY KEY,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name        text NOT NULL,
    origin      text NOT NULL DEFAULT ''             -- country of the brand, ISO 3166 alpha-2 ('VN')
);

CREATE TABLE products (
    id              serial PRIMARY KEY,
    sku             text NOT NULL UNIQUE CHECK (sku ~ '^[A-Z0-9-]+$'),
    slug            text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name_vi         text NOT NULL CHECK (name_vi <> ''),
    name_en         text NOT NULL CHECK (name_en <> ''),
    description_vi  text NOT NULL DEFAULT '',
    description_en  text NOT NULL DEFAULT '',
    brand_id        integer REFERENCES brands (id),
    category_id     integer NOT NULL REFERENCES categories (id),
    unit            text NOT NULL CHECK (unit IN ('piece', 'pack', 'kg')),
    size_text       text NOT NULL DEFAULT '',         -- as printed on the pack: '500 g', '1 L', '6 x 330 ml'
    net_quantity    integer CHECK (net_quantity > 0), -- contents of one piece/pack, in net_unit
    net_unit        text CHECK (net_unit IN ('g', 'ml')),
    price_vnd       bigint NOT NULL CHECK (price_vnd > 0),
    list_price_vnd  bigint CHECK (list_price_vnd > 0), -- the regular price while price_vnd is a promotion
    vat_rate        smallint NOT NULL DEFAULT 8 CHECK (vat_rate IN (0, 5, 8, 10)),
    storage         text NOT NULL DEFAULT 'ambient' CHECK (storage IN ('ambient', 'chilled', 'frozen')),
    perishable      boolean NOT NULL DEFAULT false,
    shelf_life_days integer CHECK (shelf_life_days > 0),
    age_restricted  boolean NOT NULL DEFAULT false,   -- alcohol, tobacco: 18+ at checkout and delivery
    abv_percent     numeric(4, 1) CHECK (abv_percent >= 0 AND abv_percent <= 100),
    dietary         text[] NOT NULL DEFAULT '{}'
                    CHECK (dietary <@ ARRAY['vegetarian', 'vegan', 'halal', 'gluten_free', 'organic', 'lactose_free']),
    barcode         text CHECK (barcode ~ '^[0-9]{8,14}$'),
    image_url       text,
    popularity      integer NOT NULL DEFAULT 0,        -- recent sales rank input; higher sells more
    featured        boolean NOT NULL DEFAULT false,    -- shown on the home page
    active          boolean NOT NULL DEFAULT true,     -- false: hidden from the shop, kept for orders
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((net_quantity IS NULL) = (net_unit IS NULL)),
    CHECK (list_price_vnd IS NULL OR list_price_vnd > price_vnd),
    CHECK (unit <> 'kg' OR net_quantity IS NULL)
);
CREATE INDEX products_category ON products (category_id);
CREATE INDEX products_brand ON products (brand_id);

CREATE TABLE stores (
    id              serial PRIMARY KEY,
    code            text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]+$'),
    name_vi         text NOT NULL,
    name_en         text NOT NULL,
    province_code   text NOT NULL,                     -- vn-admin provinces.csv code
    ward_code       text,                              -- vn-admin wards.csv code
    address_vi      text NOT NULL,
    address_en      text NOT NULL,
    phone           text NOT NULL DEFAULT '',
    opens_at        time NOT NULL DEFAULT '07:00',
    closes_at       time NOT NULL DEFAULT '22:00',
    pickup          boolean NOT NULL DEFAULT true,     -- offers in-store pickup
    active          boolean NOT NULL DEFAULT true
);

CREATE TABLE stock (
    store_id    integer NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    product_id  integer NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    on_hand     integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),  -- pieces, or grams for kg products
    reserved    integer NOT NULL DEFAULT 0 CHECK (reserved >= 0), -- held by carts at checkout
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, product_id)
);
CREATE INDEX stock_product ON stock (product_id);


-- The one place that writes a change event: the outbox row, then the NOTIFY that wakes the
-- read models. Silent while grocer.bulk is on (the bulk loader notifies once at the end).
CREATE FUNCTION grocer_change(tbl text, row_id bigint, ev_type text, ev_key text, data jsonb)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    seq bigint;
BEGIN
    IF current_setting('grocer.bulk', true) = 'on' THEN
        RETURN;
    END IF;
    INSERT INTO outbox (type, key, payload) VALUES (ev_type, ev_key, data) RETURNING id INTO seq;
    PERFORM pg_notify('grocer_changes', json_build_object('table', tbl, 'id', row_id, 'seq', seq)::text);
END;
$$;

CREATE FUNCTION products_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM grocer_change('products', OLD.id, 'product.deleted', OLD.sku,
                              jsonb_build_object('product_id', OLD.id, 'sku', OLD.sku));
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.price_vnd IS DISTINCT FROM OLD.price_vnd THEN
        PERFORM grocer_change('products', NEW.id, 'price.changed', NEW.sku,
                              jsonb_build_object('product_id', NEW.id, 'sku', NEW.sku,
                                                 'price_vnd', NEW.price_vnd, 'old_price_vnd', OLD.price_vnd,
                                                 'list_price_vnd', NEW.list_price_vnd));
        -- Only the price moved: one event is the whole story.
        IF (to_jsonb(NEW) - 'price_vnd' - 'list_price_vnd' - 'updated_at')
           = (to_jsonb(OLD) - 'price_vnd' - 'list_price_vnd' - 'updated_at') THEN
            RETURN NEW;
        END IF;
    ELSIF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'updated_at') = (to_jsonb(OLD) - 'updated_at') THEN
        RETURN NEW;
    END IF;
    PERFORM grocer_change('products', NEW.id,
                          CASE TG_OP WHEN 'INSERT' THEN 'product.created' ELSE 'product.updated' END,
                          NEW.sku, jsonb_build_object('product_id', NEW.id, 'sku', NEW.sku));
    RETURN NEW;
END;
$$;

CREATE TRIGGER products_changed AFTER INSERT OR UPDATE OR DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION products_changed();

CREATE FUNCTION stock_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r stock;
    store_code text;
    product_sku text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        r := OLD;
        r.on_hand := 0;
        r.reserved := 0;
    ELSE
        r := NEW;
        IF TG_OP = 'UPDATE' AND NEW.on_hand = OLD.on_hand AND NEW.reserved = OLD.reserved THEN
            RETURN NEW;
        END IF;
    END IF;
    SELECT code INTO store_code FROM stores WHERE id = r.store_id;
    SELECT sku INTO product_sku FROM products WHERE id = r.product_id;
    IF store_code IS NULL OR product_sku IS NULL THEN
        RETURN NULL;   -- the store or product itself is going away (cascade)
    END IF;
    PERFORM grocer_change('stock', r.product_id, 'inventory.changed', store_code || ':' || product_sku,
                          jsonb_build_object('store', store_code, 'sku', product_sku,
                                             'store_id', r.store_id, 'product_id', r.product_id,
                                             'on_hand', r.on_hand, 'reserved', r.reserved,
                                             'available', greatest(r.on_hand - r.reserved, 0)));
    RETURN NULL;
END;
$$;

CREATE TRIGGER stock_changed AFTER INSERT OR UPDATE OR DELETE ON stock
    FOR EACH ROW EXECUTE FUNCTION stock_changed();

-- Categories, brands and stores change rarely and reshape whole pages: readers reload the
-- catalog when one does.
CREATE FUNCTION catalog_shape_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
    PERFORM grocer_change(TG_TABLE_NAME, r.id,
                          CASE TG_TABLE_NAME WHEN 'categories' THEN 'category' WHEN 'brands' THEN 'brand'
                               ELSE 'store' END
                          || CASE TG_OP WHEN 'INSERT' THEN '.created' WHEN 'UPDATE' THEN '.updated'
                                  ELSE '.deleted' END,
                          NULL, jsonb_build_object('id', r.id));
    RETURN NULL;
END;
$$;

CREATE TRIGGER categories_changed AFTER INSERT OR UPDATE OR DELETE ON categories
    FOR EACH ROW EXECUTE FUNCTION catalog_shape_changed();
CREATE TRIGGER brands_changed AFTER INSERT OR UPDATE OR DELETE ON brands
    FOR EACH ROW EXECUTE FUNCTION catalog_shape_changed();
CREATE TRIGGER stores_changed AFTER INSERT OR UPDATE OR DELETE ON stores
    FOR EACH ROW EXECUTE FUNCTION catalog_shape_changed();
