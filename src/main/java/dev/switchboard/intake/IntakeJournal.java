package dev.switchboard.intake;

import java.util.List;

/**
 * Makes admitted tickets durable. One call is one transaction: every ticket of the list, its
 * customer, its {@code received} event and its idempotency key are committed together or not at all.
 *
 * <p>Contract: the result has one outcome per admission, in the same order. An admission whose
 * idempotency key is already stored (by an earlier call, or earlier in the same list) is not stored
 * again: it is {@link IntakeOutcome.Replayed} when the fingerprints match and
 * {@link IntakeOutcome.KeyReused} when they do not. A triaged admission that {@link dev.switchboard.ticket.Duplicates}
 * says duplicates an open ticket (stored, or earlier in the same list) joins it as a message
 * ({@link IntakeOutcome.Merged}); the check and the merge happen in the same transaction, so two
 * duplicates arriving together still make one ticket. When this method returns, the outcomes are on disk.
 * It throws (a Spring {@code DataAccessException}) when the transaction fails; then nothing of the list is stored.
 */
public interface IntakeJournal {

    List<IntakeOutcome> record(List<Admission> admissions);

    /** Forgets idempotency keys stored before {@code cutoff}; returns how many. */
    int forgetKeysBefore(java.time.Instant cutoff);
}
