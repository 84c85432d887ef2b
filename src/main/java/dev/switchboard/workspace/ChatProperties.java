package dev.switchboard.workspace;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The chat widget and the live views of conversations ({@code switchboard.chat.*}).
 *
 * @param allowedOrigins   the websites whose pages may embed the widget (CORS on {@code /api/v1/chat/**});
 *                         {@code *} for any. The chat API takes no cookies: a conversation's token is its only key
 * @param streamTimeout    how long a live view's event stream stays open before the browser opens it again
 * @param heartbeat        how often an idle stream carries a comment, so that proxies do not close it
 * @param messagesPerMinute most chat messages per client address and minute
 * @param streamsPerConversation most live views of one conversation open at once on a node (429 beyond)
 * @param mostStreams      most live views open at once on a node, all conversations together (503 beyond)
 */
@ConfigurationProperties("switchboard.chat")
public record ChatProperties(
        @DefaultValue("*") List<String> allowedOrigins,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("20s") Duration heartbeat,
        @DefaultValue("30") int messagesPerMinute,
        @DefaultValue("20") int streamsPerConversation,
        @DefaultValue("10000") int mostStreams) {

    public ChatProperties {
        if (streamsPerConversation < 1 || mostStreams < 1) {
            throw new IllegalArgumentException("switchboard.chat.streams-per-conversation and most-streams must be at least 1");
        }
    }
}
