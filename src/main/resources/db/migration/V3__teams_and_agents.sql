-- Teams and the agents in them. An agent is a user (role AGENT) with a routing profile; presence is
-- live state, not stored.
CREATE TABLE teams (
    name        VARCHAR(100)   NOT NULL PRIMARY KEY,
    categories  VARCHAR(4000)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE agents (
    user_id     CHAR(26)       NOT NULL PRIMARY KEY,
    skills      VARCHAR(4000)  NOT NULL,
    region      VARCHAR(64)    NOT NULL,
    capacity    INTEGER        NOT NULL,
    available   BOOLEAN        NOT NULL
);
ALTER TABLE agents ADD CONSTRAINT agents_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
