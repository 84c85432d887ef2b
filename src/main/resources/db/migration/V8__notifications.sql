-- Outbound webhooks: subscriptions, and deliveries written in the same transaction as the ticket
-- events they announce (a transactional outbox), tried until delivered or parked.
CREATE TABLE webhook_subscriptions (
    id          CHAR(26)       NOT NULL PRIMARY KEY,
    name        VARCHAR(200)   NOT NULL,
    url         VARCHAR(2048)  NOT NULL,
    events      VARCHAR(1000)  NOT NULL,
    format      VARCHAR(16)    NOT NULL,
    secret      VARCHAR(200)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE webhook_deliveries (
    id               CHAR(26)       NOT NULL PRIMARY KEY,
    subscription_id  CHAR(26)       NOT NULL,
    type             VARCHAR(64)    NOT NULL,
    payload          VARCHAR(100000) NOT NULL,
    status           VARCHAR(16)    NOT NULL,
    attempts         INTEGER        NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(1000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);

-- SLA: when a person first answered the customer, and which targets a ticket has missed.
ALTER TABLE tickets ADD COLUMN first_response_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE tickets ADD COLUMN first_response_breached BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE tickets ADD COLUMN resolution_breached BOOLEAN DEFAULT FALSE NOT NULL;
