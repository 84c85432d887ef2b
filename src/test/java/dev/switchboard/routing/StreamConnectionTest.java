package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

class StreamConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void messagesAreWrittenInTheOrderTheyWereQueuedAndTheSenderNeverWaits() {
        StalledSession session = new StalledSession();
        StreamConnection connection = new StreamConnection(session, 64 * 1024, Duration.ofSeconds(5));

        // The client reads nothing: the first write blocks, and the sender goes on all the same.
        for (int i = 0; i < 5; i++) {
            assertThat(connection.send("message " + i, () -> { })).isTrue();
        }
        session.unblock();

        await().atMost(WAIT).untilAsserted(() -> assertThat(session.written)
                .containsExactly("message 0", "message 1", "message 2", "message 3", "message 4"));
    }

    @Test
    void aConnectionWithMoreWaitingThanItsLimitIsClosedAsTooSlow() {
        StalledSession session = new StalledSession();
        StreamConnection connection = new StreamConnection(session, 64 * 1024, Duration.ofSeconds(5));
        String tenKilobytes = "x".repeat(10 * 1024);

        int taken = 0;
        while (connection.send(tenKilobytes, () -> { })) {
            taken++;
        }

        assertThat(taken).as("6 of 10 KB wait within 64 KB").isEqualTo(6);
        await().atMost(WAIT).untilAsserted(() -> assertThat(session.closedWith.get()).isEqualTo(StreamConnection.TOO_SLOW));
        assertThat(connection.send("later", () -> { })).as("a closing connection takes nothing more").isFalse();
    }

    @Test
    void aMessageLongerThanTheLimitGoesWhenNothingWaitsBeforeIt() {
        StalledSession session = new StalledSession();
        StreamConnection connection = new StreamConnection(session, 64 * 1024, Duration.ofSeconds(5));
        String longOffer = "x".repeat(100 * 1024);

        assertThat(connection.send(longOffer, () -> { })).isTrue();
        assertThat(connection.send("next", () -> { })).as("behind it, the limit holds").isFalse();
        await().atMost(WAIT).untilAsserted(() -> assertThat(session.closedWith.get()).isEqualTo(StreamConnection.TOO_SLOW));
    }

    @Test
    void whatRunsOnceWrittenRunsAfterTheWrite() {
        StalledSession session = new StalledSession();
        StreamConnection connection = new StreamConnection(session, 64 * 1024, Duration.ofSeconds(5));
        CountDownLatch written = new CountDownLatch(1);

        connection.send("an offer", written::countDown);

        assertThat(written.getCount()).as("not before the client took it").isEqualTo(1);
        session.unblock();
        await().atMost(WAIT).until(() -> written.getCount() == 0);
    }

    /** A connection whose client reads nothing until {@link #unblock()}: writes wait, as on a full socket. */
    private static final class StalledSession implements WebSocketSession {

        final List<String> written = new CopyOnWriteArrayList<>();
        final AtomicReference<CloseStatus> closedWith = new AtomicReference<>();
        private final CountDownLatch reading = new CountDownLatch(1);
        private final Map<String, Object> attributes = new ConcurrentHashMap<>();

        void unblock() {
            reading.countDown();
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) {
            try {
                reading.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("closed under the write");
            }
            written.add(String.valueOf(message.getPayload()));
        }

        @Override
        public boolean isOpen() {
            return closedWith.get() == null;
        }

        @Override
        public void close(CloseStatus status) {
            closedWith.compareAndSet(null, status);
        }

        @Override
        public void close() {
            close(CloseStatus.NORMAL);
        }

        @Override
        public String getId() {
            return "stalled";
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public URI getUri() {
            return URI.create("ws://127.0.0.1/api/v1/stream");
        }

        @Override
        public HttpHeaders getHandshakeHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Principal getPrincipal() {
            return null;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public String getAcceptedProtocol() {
            return null;
        }

        @Override
        public void setTextMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getTextMessageSizeLimit() {
            return 0;
        }

        @Override
        public void setBinaryMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getBinaryMessageSizeLimit() {
            return 0;
        }

        @Override
        public List<WebSocketExtension> getExtensions() {
            return List.of();
        }
    }
}
