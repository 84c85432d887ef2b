-- Email threading: every Message-ID Switchboard has seen or sent, and the ticket it belongs to, so that
-- a customer's reply (In-Reply-To, References) finds its ticket, and an agent's reply names the mails
-- it answers.
CREATE TABLE mail_messages (
    message_id  VARCHAR(998)   NOT NULL PRIMARY KEY,
    ticket_id   CHAR(26)       NOT NULL,
    direction   VARCHAR(8)     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX mail_messages_ticket ON mail_messages (ticket_id, created_at);

-- Files that came with a ticket or a customer's message. The bytes are kept by content (sha256) in the
-- attachment store (a local folder, or S3-compatible storage); a row names them for one ticket.
CREATE TABLE attachments (
    id            CHAR(26)       NOT NULL PRIMARY KEY,
    ticket_id     CHAR(26)       NOT NULL,
    message_id    VARCHAR(26),
    filename      VARCHAR(255)   NOT NULL,
    content_type  VARCHAR(255)   NOT NULL,
    size_bytes    BIGINT         NOT NULL,
    sha256        CHAR(64)       NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT attachments_once UNIQUE (ticket_id, sha256, filename)
);
