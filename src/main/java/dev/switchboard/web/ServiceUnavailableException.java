package dev.switchboard.web;

import java.time.Duration;

/** A dependency (the database, the broker) cannot take the request now; answered 503 with Retry-After. */
public class ServiceUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public ServiceUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
