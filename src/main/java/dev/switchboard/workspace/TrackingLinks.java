package dev.switchboard.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;


import dev.switchboard.ticket.TicketId;

/**
 * A customer's private link to their ticket: the ticket id and an HMAC-SHA256 of it under a server key,
 * so that a link cannot be guessed or made for another ticket, and needs no table. Anyone holding the
 * link sees that ticket (and only that one), as with a link in an email.
 */
final class TrackingLinks implements dev.switchboard.channels.TicketLinks {

    private final byte[] key;
    private final String publicUrl;

    TrackingLinks(byte[] key, String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        if (key.length < 32) {
            throw new IllegalArgumentException("the tracking-link key needs at least 32 bytes");
        }
        this.key = key.clone();
    }

    @Override
    public Optional<String> customerLink(TicketId id) {
        return publicUrl.isBlank() ? Optional.empty() : Optional.of(publicUrl + "/portal/t/" + tokenFor(id));
    }

    String tokenFor(TicketId id) {
        return id.value() + "." + signature(id.value());
    }

    /** The ticket a token names, when its signature is ours. */
    Optional<TicketId> verify(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String id = token.substring(0, dot);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = signature(id).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, expected) ? TicketId.parse(id) : Optional.empty();
    }

    private String signature(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(dev.switchboard.web.Hmac.sha256(key, id));
    }
}
