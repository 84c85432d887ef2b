package dev.switchboard.intake;

import java.util.Objects;
import java.util.Optional;

import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Ticket;

/** A ticket that passed validation and waits to be made durable, with who sent it and its idempotency key. */
public record Admission(Ticket ticket, Actor submitter, Optional<IdempotencyKey> idempotencyKey) {

    public Admission {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
