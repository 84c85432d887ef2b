-- The workspace's lists, in queue order (priority, then age): a team's queue, and everything for admins.
-- Triage sets team and priority in the same insert that stores a ticket, and routing's updates leave
-- these columns alone, so each index costs a ticket one entry, not one per change.
CREATE INDEX tickets_team_order ON tickets (team, priority, created_at, id);
CREATE INDEX tickets_order ON tickets (priority, created_at, id);
