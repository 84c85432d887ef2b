package dev.switchboard.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A request waiting on work done elsewhere (the routing thread, say): its answer, its own failure as
 * thrown there, or a 503 with {@code Retry-After} when it does not come in time, never a bare 500.
 */
public final class Waiting {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private Waiting() {
    }

    /**
     * The future's value within {@code timeout}. On timeout the future is cancelled, so that work not yet
     * begun is not done (the caller was told it failed).
     *
     * @param what what is waited for, for the 503's detail ("routing")
     */
    public static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (TimeoutException slow) {
            future.cancel(false);
            throw new ServiceUnavailableException(what + " did not answer within " + timeout, RETRY_AFTER, slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while waiting for " + what, RETRY_AFTER, interrupted);
        }
    }
}
