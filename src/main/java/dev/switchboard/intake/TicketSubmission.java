package dev.switchboard.intake;

import java.util.List;
import java.util.Map;

/**
 * A ticket as a client sends it to {@code POST /api/v1/tickets}: the wire format, before any checks.
 * Every field may be missing here; {@link SubmissionValidator} says what is wrong with it.
 */
public record TicketSubmission(
        String channel,
        CustomerSubmission customer,
        String subject,
        String body,
        List<String> attachments,
        Map<String, Object> metadata,
        String priority) {

    /** The customer the ticket is for: {@code id} (the caller's own) or {@code email} is needed. */
    public record CustomerSubmission(String id, String email, String name, String region, String tier) {
    }
}
