package dev.switchboard.ticket;

import java.util.Locale;
import java.util.Objects;

/**
 * The person a ticket is for. {@code id} is the caller's own customer id when it sent one, else the
 * lower-cased email address, so that tickets of one customer from several channels meet.
 * Absent text fields are empty strings, never null.
 *
 * @param tier the customer's service tier as the caller names it (e.g. {@code gold}); triage rules may use it
 */
public record Customer(String id, String email, String name, String region, String tier) {

    /** The longest name, in Unicode code points (intake refuses a longer one; mail cuts it). */
    public static final int NAME_MAX_CHARS = 200;

    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(tier, "tier");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a customer needs an id or an email address");
        }
    }

    /** A customer keyed by the caller's id, or by the email address when the id is blank. */
    public static Customer of(String externalId, String email, String name, String region, String tier) {
        String normalizedEmail = trimmed(email);
        String key = externalId == null || externalId.isBlank()
                ? normalizedEmail.toLowerCase(Locale.ROOT)
                : externalId.trim();
        return new Customer(key, normalizedEmail, trimmed(name), trimmed(region), trimmed(tier));
    }

    /**
     * This customer as a later contact describes them: the later non-blank details win, and blank
     * ones keep what is known (a chat message without an email address does not erase it).
     */
    public Customer updatedBy(Customer later) {
        if (!later.id.equals(id)) {
            throw new IllegalArgumentException("customer " + later.id + " cannot update customer " + id);
        }
        return new Customer(id, orKnown(later.email, email), orKnown(later.name, name), orKnown(later.region, region),
                orKnown(later.tier, tier));
    }

    private static String orKnown(String later, String known) {
        return later.isBlank() ? known : later;
    }

    private static String trimmed(String text) {
        return text == null ? "" : text.trim();
    }
}
