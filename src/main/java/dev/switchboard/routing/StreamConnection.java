package dev.switchboard.routing;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One agent's stream connection, and the messages waiting to go out on it, in order. Whoever sends (the
 * routing thread's pushes, the request thread's answers, the heartbeat) only queues: the writes run on
 * the connection's own virtual thread, one at a time, so a client that stops reading holds up its own
 * connection and nothing else.
 *
 * <p>Why: the container's WebSocket writes block once the socket's buffers are full, for up to its
 * send timeout (Tomcat's: 20 s). Written from the routing thread, one agent whose connection stalled
 * (a sleeping laptop, a client that stopped reading) stopped every offer of the node for that long
 * (measured: an offer to another team's agent waited 17 s; docs/stream.md). A connection whose queue
 * passes {@code queueLimitBytes} (a message alone is always taken, however long), or whose write blocks
 * beyond {@code sendTimeout}, is closed as too slow: the agent goes offline like any disconnect, and what
 * they had not acknowledged goes to others.
 */
final class StreamConnection {

    private static final Logger log = LoggerFactory.getLogger(StreamConnection.class);
    /** Close code for a connection whose client does not read what is sent to it (4000-4999: the application's). */
    static final CloseStatus TOO_SLOW = new CloseStatus(4429, "the connection does not take what is sent to it");
    /** Tomcat's bound on one blocking write (and on the close frame), read from the session's user properties. */
    private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    /** How long the connection's writer thread waits for more before it ends (the next message starts another). */
    private static final long WRITER_IDLE_SECONDS = 5;

    private final WebSocketSession session;
    private final long queueLimitBytes;
    private final ThreadPoolExecutor writer;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong lastSeen = new AtomicLong(System.nanoTime());
    private final AtomicBoolean closing = new AtomicBoolean();

    StreamConnection(WebSocketSession session, long queueLimitBytes, java.time.Duration sendTimeout) {
        this.session = session;
        this.queueLimitBytes = queueLimitBytes;
        // At most one writer, started when a message waits and ended when none has for a while: the messages
        // go out in the order they were queued, and an idle connection holds no thread.
        this.writer = new ThreadPoolExecutor(0, 1, WRITER_IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofVirtual().name("stream-writer").factory());
        if (session instanceof org.springframework.web.socket.adapter.NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session container) {
            container.getUserProperties().put(TOMCAT_SEND_TIMEOUT, sendTimeout.toMillis());
        }
    }

    /** Queues a text message; {@code afterWritten} runs once it is written. False when the connection did not take it. */
    boolean send(String text, Runnable afterWritten) {
        return queue(new TextMessage(text), afterWritten);
    }

    /** Queues a WebSocket ping (browsers answer it by themselves). */
    void ping() {
        queue(new PingMessage(), () -> { });
    }

    private boolean queue(WebSocketMessage<?> message, Runnable afterWritten) {
        if (closing.get() || !session.isOpen()) {
            return false;
        }
        long size = message.getPayloadLength();
        // The limit is on what waits behind others: one message alone (an offer with a long ticket) always goes.
        long waiting = queuedBytes.addAndGet(size);
        if (waiting > queueLimitBytes && waiting > size) {
            queuedBytes.addAndGet(-size);
            log.info("closing a stream connection that does not take what is sent to it ({} bytes waiting)", queuedBytes.get());
            close(TOO_SLOW);
            return false;
        }
        try {
            writer.execute(() -> write(message, size, afterWritten));
            return true;
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            queuedBytes.addAndGet(-size);
            return false;
        }
    }

    private void write(WebSocketMessage<?> message, long size, Runnable afterWritten) {
        try {
            session.sendMessage(message);
            afterWritten.run();
        } catch (IOException | IllegalStateException failed) {
            // A write that timed out or a connection closed under it: the container closes it, and its close
            // is the agent's disconnect.
            log.debug("could not write to stream connection {}: {}", session.getId(), failed.toString());
        } catch (RuntimeException unexpected) {
            log.warn("writing to stream connection {} failed", session.getId(), unexpected);
        } finally {
            queuedBytes.addAndGet(-size);
        }
    }

    /** Something arrived on the connection (a message, a pong): its agent is there. */
    void seen() {
        lastSeen.set(System.nanoTime());
    }

    /** Nanoseconds (of {@link System#nanoTime()}) since something last arrived. */
    long silentFor(long now) {
        return now - lastSeen.get();
    }

    /**
     * Closes the connection, once, on a thread of its own: the close frame waits behind a blocked write
     * as long as the send timeout. What is still queued is dropped.
     */
    void close(CloseStatus status) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        writer.shutdownNow();
        Thread.ofVirtual().name("stream-close").start(() -> {
            try {
                session.close(status);
            } catch (IOException | IllegalStateException gone) {
                log.debug("closing stream connection {}: {}", session.getId(), gone.toString());
            }
        });
    }

    /** The connection has closed: nothing more is written on it. */
    void closed() {
        closing.set(true);
        writer.shutdownNow();
    }
}
