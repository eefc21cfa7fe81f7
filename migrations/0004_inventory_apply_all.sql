-- 0004_inventory_apply_all.sql: inventory_apply_all(msgs), the messages of one consumer batch
-- applied in one statement, so in one transaction and one commit.
--
-- Why: with synchronous_commit on (production), every commit waits for its WAL flush; one
-- message per transaction caps the consumer at a few hundred messages a second on an ordinary
-- disk, and a burst queues behind those flushes. The consumer (host/inventory.c) hands PostgreSQL
-- what Kafka delivered together, as the raw message texts in a text[] in offset order; each goes
-- through inventory_apply (0003) in that order, and one row per message comes back in the same
-- order. A malformed message raises its data exception (class 22) for the whole statement, which
-- rolls back; the consumer then applies that batch one message at a time, skipping the bad one.

CREATE FUNCTION inventory_apply_all(msgs text[])
RETURNS TABLE (outcome text, on_hand integer, shortfall integer)
LANGUAGE plpgsql AS $$
DECLARE
    m text;
BEGIN
    FOREACH m IN ARRAY msgs LOOP
        RETURN QUERY SELECT a.outcome, a.on_hand, a.shortfall FROM inventory_apply(m::jsonb) a;
    END LOOP;
END;
$$;
