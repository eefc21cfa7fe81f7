-- 0003_inventory_events.sql: the inventory adjustments that came in from Kafka, and the function
-- that applies one.
--
-- Why: stores and warehouses send stock counts (stock.set) and deltas (stock.adjust) on the topic
-- inventory-adjustments (DESIGN.md, Events). The consumer (host/inventory.c) delivers at least
-- once, so a message can come twice (a redelivery after a crash or a rebalance, or a sender that
-- retried); a row per event id here makes the second one a no-op, in the same transaction as the
-- stock change, which gives an exactly-once effect. The row also keeps what was applied (the
-- resulting on_hand, and the shortfall of a delta that would have gone below zero) for audit.
--
-- inventory_apply(msg) is the whole of one message's work, called by the consumer as one
-- parameterized statement with the raw message as $1::jsonb, so PostgreSQL parses the JSON. It
-- returns the outcome ('applied', 'duplicate', 'unknown_store', 'unknown_sku'), the store's
-- resulting on_hand and the shortfall. A message that is not what DESIGN.md pins (not JSON,
-- not an object, a field missing or of the wrong type, an unknown type, a negative count) raises a
-- data exception (SQLSTATE class 22), which the consumer logs, counts and skips. The stock
-- row's trigger (0002) writes the inventory.changed outbox event and NOTIFYs grocer_changes.

CREATE TABLE inventory_events (
    id               text PRIMARY KEY,                 -- the message's "id"
    type             text NOT NULL CHECK (type IN ('stock.set', 'stock.adjust')),
    store            text NOT NULL,                    -- stores.code
    sku              text NOT NULL,                    -- products.sku
    quantity         integer NOT NULL,                 -- pieces, or grams for kg products
    applied_on_hand  integer,                          -- on_hand after the message
    shortfall        integer NOT NULL DEFAULT 0,       -- what a delta could not take below zero
    reason           text,
    received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inventory_events_received ON inventory_events (received_at);


CREATE FUNCTION inventory_apply(msg jsonb,
                                OUT outcome text, OUT on_hand integer, OUT shortfall integer)
LANGUAGE plpgsql AS $$
DECLARE
    ev_id    text;
    ev_type  text;
    ev_store text;
    ev_sku   text;
    qty_num  numeric;
    qty      integer;
    sid      integer;
    pid      integer;
    old      integer;
    want     bigint;
    had      boolean;
BEGIN
    shortfall := 0;
    IF jsonb_typeof(msg) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'message is not a JSON object' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF coalesce(jsonb_typeof(msg -> 'id'), 'none') NOT IN ('string', 'number') OR msg ->> 'id' = '' THEN
        RAISE EXCEPTION 'message has no id' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    ev_id := msg ->> 'id';
    ev_type := CASE WHEN jsonb_typeof(msg -> 'type') = 'string' THEN msg ->> 'type' END;
    IF ev_type IS NULL OR ev_type NOT IN ('stock.set', 'stock.adjust') THEN
        RAISE EXCEPTION 'message % has type %, not stock.set or stock.adjust', ev_id, coalesce(msg ->> 'type', 'none')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF jsonb_typeof(msg -> 'store') IS DISTINCT FROM 'string' OR jsonb_typeof(msg -> 'sku') IS DISTINCT FROM 'string' THEN
        RAISE EXCEPTION 'message % needs store and sku as strings', ev_id USING ERRCODE = 'invalid_parameter_value';
    END IF;
    ev_store := msg ->> 'store';
    ev_sku := msg ->> 'sku';
    IF jsonb_typeof(msg -> 'quantity') IS DISTINCT FROM 'number' THEN
        RAISE EXCEPTION 'message % needs quantity as a number', ev_id USING ERRCODE = 'invalid_parameter_value';
    END IF;
    qty_num := (msg ->> 'quantity')::numeric;
    IF qty_num <> trunc(qty_num) THEN
        RAISE EXCEPTION 'message % has a fractional quantity (pieces, or grams for kg products)', ev_id
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    qty := qty_num::integer;   -- out of range: numeric_value_out_of_range (22003)
    IF ev_type = 'stock.set' AND qty < 0 THEN
        RAISE EXCEPTION 'message % sets a negative count', ev_id USING ERRCODE = 'invalid_parameter_value';
    END IF;

    SELECT id INTO sid FROM stores WHERE code = ev_store;
    IF NOT FOUND THEN
        outcome := 'unknown_store';
        RETURN;
    END IF;
    SELECT id INTO pid FROM products WHERE sku = ev_sku;
    IF NOT FOUND THEN
        outcome := 'unknown_sku';
        RETURN;
    END IF;

    INSERT INTO inventory_events (id, type, store, sku, quantity, reason)
    VALUES (ev_id, ev_type, ev_store, ev_sku, qty,
            CASE WHEN jsonb_typeof(msg -> 'reason') = 'string' THEN msg ->> 'reason' END)
    ON CONFLICT (id) DO NOTHING;
    IF NOT FOUND THEN
        outcome := 'duplicate';
        SELECT e.applied_on_hand, e.shortfall INTO on_hand, shortfall FROM inventory_events e WHERE e.id = ev_id;
        RETURN;
    END IF;

    SELECT s.on_hand INTO old FROM stock s WHERE s.store_id = sid AND s.product_id = pid FOR UPDATE;
    had := FOUND;
    IF NOT had THEN
        old := 0;
    END IF;
    want := CASE WHEN ev_type = 'stock.set' THEN qty ELSE old::bigint + qty END;
    on_hand := greatest(least(want, 2147483647), 0)::integer;
    shortfall := greatest(-want, 0)::integer;
    IF had AND old = on_hand THEN
        NULL;   -- no change: the trigger would stay silent anyway
    ELSIF had THEN
        UPDATE stock s SET on_hand = inventory_apply.on_hand, updated_at = now()
         WHERE s.store_id = sid AND s.product_id = pid;
    ELSE
        -- a store that never stocked the product: its row starts here (raced by another writer,
        -- the delta applies to what that writer left)
        INSERT INTO stock AS s (store_id, product_id, on_hand) VALUES (sid, pid, inventory_apply.on_hand)
        ON CONFLICT (store_id, product_id) DO UPDATE
            SET on_hand = CASE WHEN ev_type = 'stock.set' THEN qty ELSE greatest(s.on_hand + qty, 0) END,
                updated_at = now()
        RETURNING s.on_hand INTO on_hand;
    END IF;
    UPDATE inventory_events e SET applied_on_hand = inventory_apply.on_hand, shortfall = inventory_apply.shortfall
     WHERE e.id = ev_id;
    outcome := 'applied';
END;
$$;
