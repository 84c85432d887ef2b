-- A ticket's routing state in a narrow table of its own: status, holder, version and last change.
-- Routing changes these three to five times per ticket (offered, acknowledged, resolved; withdrawn and
-- offered again). In the tickets row, every such UPDATE rewrote the whole wide row, and H2 rewrites
-- every index of a table on any UPDATE (removes the old entry, adds the new one), five secondary
-- indexes for tickets. Here an UPDATE touches a short row, its primary key and one index: on H2 a
-- routing change costs a quarter of what it did (docs/benchmarks.md).
-- The tickets row keeps what is written at intake and by people's edits (text, triage, priority);
-- version stays the ticket's one optimistic-concurrency counter, here.
CREATE TABLE ticket_states (
    ticket_id   CHAR(26)     NOT NULL PRIMARY KEY,
    status      VARCHAR(16)  NOT NULL,
    assignee    CHAR(26),
    version     BIGINT       NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO ticket_states (ticket_id, status, assignee, version, updated_at)
SELECT id, status, assignee, version, updated_at FROM tickets;

CREATE INDEX ticket_states_routing ON ticket_states (status, assignee);
ALTER TABLE ticket_states ADD CONSTRAINT ticket_states_ticket_fk FOREIGN KEY (ticket_id) REFERENCES tickets (id);

DROP INDEX tickets_routing;
ALTER TABLE tickets DROP COLUMN status;
ALTER TABLE tickets DROP COLUMN assignee;
ALTER TABLE tickets DROP COLUMN version;
ALTER TABLE tickets DROP COLUMN updated_at;
