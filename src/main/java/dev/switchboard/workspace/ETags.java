package dev.switchboard.workspace;

import dev.switchboard.ticket.Ticket;
import dev.switchboard.web.InvalidRequestException;

/** A ticket's version as an entity tag ({@code "7"}), and back from an {@code If-Match} header. */
final class ETags {

    private ETags() {
    }

    static String of(Ticket ticket) {
        return "\"" + ticket.version() + "\"";
    }

    /**
     * The version an {@code If-Match} names. A weak tag ({@code W/"7"}) is taken as the same version; a
     * list or {@code *} is refused: a change must name the one version it was made against.
     *
     * @throws Missing when there is no header (428)
     */
    static long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new Missing();
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException notOurs) {
            // answered below
        }
        throw new InvalidRequestException("If-Match", "must be the ETag of the ticket as read, e.g. \"7\"");
    }

    /** A change came without {@code If-Match}. */
    static final class Missing extends RuntimeException {
        Missing() {
            super("send If-Match with the ETag of the ticket as you read it, so that no one else's change is overwritten");
        }
    }
}
