-- H2 only (db/vendor/h2): the redo log's position in the database file (RedoLoggedDataSource). Every
-- logged transaction sets it to its own sequence number, so the file tells which logged transactions
-- it holds, and a start runs again only those after it. (The next shared migration is V14.)
CREATE TABLE redo_position (
    id   INT     NOT NULL PRIMARY KEY,
    seq  BIGINT  NOT NULL
);
INSERT INTO redo_position (id, seq) VALUES (1, 0);
