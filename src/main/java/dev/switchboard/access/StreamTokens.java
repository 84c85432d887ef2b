package dev.switchboard.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpSession;

/**
 * Bearer tokens for the web UI's own WebSocket: a browser cannot send its session cookie's identity
 * as a header, so a signed-in page opens {@code /api/v1/stream?access_token=...} with a token kept in
 * its session. One token per session, renewed when less than an hour is left, revoked at sign-out.
 */
public class StreamTokens {

    private static final String ATTRIBUTE = StreamTokens.class.getName();
    private static final Duration RENEW_WITHIN = Duration.ofHours(1);

    private record Issued(String token, String hash, Instant expiresAt) implements java.io.Serializable {
    }

    private final AccessTokens tokens;
    private final Duration ttl;
    private final Clock clock;

    public StreamTokens(AccessTokens tokens, Duration ttl, Clock clock) {
        this.tokens = tokens;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The session's token for the stream, issued (or renewed) when needed. */
    public String forSession(HttpSession session, SignedInUser user) {
        Instant now = clock.instant();
        if (session.getAttribute(ATTRIBUTE) instanceof Issued issued && issued.expiresAt().isAfter(now.plus(RENEW_WITHIN))) {
            return issued.token();
        }
        revoke(session);
        String token = Secrets.newSecret(Secrets.TOKEN_PREFIX);
        Issued issued = new Issued(token, Secrets.hash(token), now.plus(ttl));
        tokens.store(issued.hash(), user.user().id(), now, issued.expiresAt());
        session.setAttribute(ATTRIBUTE, issued);
        return token;
    }

    /** Ends the session's token, if it has one: at sign-out. */
    public void revoke(HttpSession session) {
        if (session.getAttribute(ATTRIBUTE) instanceof Issued issued) {
            tokens.revoke(issued.hash());
            session.removeAttribute(ATTRIBUTE);
        }
    }
}
