-- bench/catalog/sql/sale.sql: the stock changes of a sale, for the "-sale" tests of
-- bench/catalog.sh. Loaded (as the superuser) into grocer's database; CALL bench_sale(...) then runs
-- in its own session while a load generator measures a server.
--
-- Each transaction takes `per_tx` units off (or, at zero, puts 20 back on) the stock of random
-- products at one random store, as checkouts do, and commits: grocer's triggers write the outbox
-- row and NOTIFY grocer_changes, every worker's read model applies the change and its version
-- moves, which empties the answer caches that hang on catalog.version(). It runs `per_second`
-- transactions a second for `seconds`, then returns.
CREATE OR REPLACE PROCEDURE bench_sale(per_second integer, per_tx integer, seconds double precision)
LANGUAGE plpgsql AS $$
DECLARE
    max_product integer;
    stores integer[];
    t_end timestamptz := clock_timestamp() + seconds * interval '1 second';
    t_next timestamptz := clock_timestamp();
    pick_store integer;
    product_ids integer[];
BEGIN
    SELECT max(id) INTO max_product FROM products;
    SELECT array_agg(id) INTO stores FROM stores WHERE active;
    COMMIT;
    WHILE clock_timestamp() < t_end LOOP
        pick_store := stores[1 + floor(random() * cardinality(stores))::int];
        product_ids := ARRAY(SELECT 1 + floor(random() * max_product)::int FROM generate_series(1, per_tx));
        UPDATE stock s
        SET on_hand = CASE WHEN s.on_hand > 0 THEN s.on_hand - 1 ELSE 20 END
        WHERE s.store_id = pick_store AND s.product_id = ANY (product_ids);
        COMMIT;
        t_next := t_next + interval '1 second' / per_second;
        IF t_next > clock_timestamp() THEN
            PERFORM pg_sleep(extract(epoch FROM t_next - clock_timestamp()));
        END IF;
    END LOOP;
END;
$$;
