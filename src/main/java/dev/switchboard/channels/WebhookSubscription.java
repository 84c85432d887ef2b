package dev.switchboard.channels;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Where ticket events are sent.
 *
 * @param events the event types wanted ({@link WebhookEvents#TYPES}); empty for all of them
 * @param format {@code json} (signed, our payload) or {@code slack} (an incoming-webhook message)
 * @param secret the HMAC-SHA256 key the body is signed with; stored sealed (signing needs it, so it cannot be
 *               hashed); empty when this node cannot open it (sealed under another node's key)
 */
public record WebhookSubscription(String id, String name, URI url, Set<String> events, String format, String secret,
                                  Instant createdAt) {

    public WebhookSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        events = Set.copyOf(events);
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean wants(String type) {
        return events.isEmpty() || events.contains(type);
    }
}
