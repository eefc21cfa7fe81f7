-- 0001_outbox.sql: the outbox, the one way a state change leaves the database.
--
-- Why: an order, a stock change or a price change must reach Kafka, every worker's read model
-- and every open page, and it must do so only if its transaction commits. Writing the event as a
-- row in the same transaction gives exactly that: the relay publishes rows whose sent_at is
-- NULL (at least once, in id order, so per key in order), then stamps sent_at; sent rows are
-- deleted after 7 days. The id is also the `seq` of the NOTIFY grocer_changes payload, so a
-- worker that reconnects reads every change after the last seq it applied.
-- Columns as pinned in DESIGN.md: payload holds the event's `data`; type is `noun.verb`.

CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    type        text NOT NULL,                      -- inventory.changed, order.placed, ...
    key         text,                               -- Kafka message key (ordering); NULL: none
    payload     jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz                         -- NULL until the relay has published it
);

-- The relay's query: the oldest unsent rows. Partial, so it stays as small as the backlog.
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
