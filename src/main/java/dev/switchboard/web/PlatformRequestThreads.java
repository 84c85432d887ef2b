package dev.switchboard.web;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Tomcat serves requests on its own pool of platform threads ({@code server.tomcat.threads.max}, 200 by
 * default), although {@code spring.threads.virtual.enabled} gives the rest of the application virtual
 * threads.
 *
 * <p>Why: with a virtual thread per request, a burst (thousands of posts at once, a cold start behind
 * a full client) makes thousands of runnable virtual threads, and Tomcat takes a shared monitor for
 * every new request processor it creates and retires. The thread handed that monitor waits for a
 * carrier behind all the others, so the handovers come one per trip through the scheduler's queue: on
 * two cores intake stopped for seconds at a time (accept p99 about 30 s at 833 tickets/s, 13 s p50 in
 * the first 15 s after a start at 300/s). A bounded platform pool keeps what runs at once to what the
 * machine can serve; the rest wait in the connection queue, and a request that is taken runs to its
 * end. Streams (WebSocket, server-sent events) hold no request thread between their messages.
 */
public class PlatformRequestThreads implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        // No executor: the endpoint builds its own pool at start, sized by server.tomcat.threads.*.
        factory.addProtocolHandlerCustomizers(protocol -> protocol.setExecutor(null));
    }

    /** After Spring Boot's virtual-thread customizer (order 1), whose executor this one replaces. */
    @Override
    public int getOrder() {
        return 2;
    }
}
