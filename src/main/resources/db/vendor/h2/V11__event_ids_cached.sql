-- H2 only (db/vendor/h2): the embedded database hands out event ids from blocks of 10,000 instead of
-- H2's default 32. H2 makes every new block durable with a commit of its own, a write of every page
-- changed since the last one; at the default, that was two fifths of the intake writer's time and
-- a fifth of routing's under load (docs/benchmarks.md). A crash skips the rest of a block: ids stay
-- unique and in order, with gaps.
-- PostgreSQL keeps its default: its cache is per session, which would put ids out of order.
ALTER TABLE ticket_events ALTER COLUMN id SET CACHE 10000;
