package dev.switchboard.intake;

import java.util.Optional;

import dev.switchboard.access.Caller;
import dev.switchboard.intake.SubmissionValidator.CleanSubmission;
import dev.switchboard.ticket.Actor;

/**
 * Who is submitting: an authenticated caller, or an anonymous client known only by its address.
 * Decides the actor in the event log, the idempotency scope and the rate-limit bucket.
 */
public record Submitter(Optional<Caller> caller, String clientAddress) {

    /** A customer without an account, known by their address: the public form, a widget. */
    public static Submitter anonymous(String clientAddress) {
        return new Submitter(Optional.empty(), clientAddress);
    }

    Actor actorFor(CleanSubmission submission) {
        return caller.map(Caller::actor).orElseGet(() -> new Actor(Actor.Kind.CUSTOMER, submission.customer().id()));
    }

    String idempotencyScope() {
        return caller.map(c -> c.actor().toString()).orElse("public");
    }

    String rateLimitKey() {
        return caller.map(c -> c.actor().toString()).orElse("ip:" + clientAddress);
    }
}
