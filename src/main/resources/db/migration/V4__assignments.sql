-- Who holds a ticket: the agent it was offered to (status ASSIGNED) or who acknowledged it (OPEN).
ALTER TABLE tickets ADD COLUMN assignee CHAR(26);
CREATE INDEX tickets_routing ON tickets (status, assignee);
