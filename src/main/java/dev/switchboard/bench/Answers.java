package dev.switchboard.bench;

import tools.jackson.databind.JsonNode;

/**
 * What the server answered to the load generator's posts, in the measurements: a ticket accepted (and whether
 * it was merged), or the kind of failure (an HTTP status, a timeout, an I/O error, a batch's item missing).
 * Called on the HTTP client's I/O thread, so it never blocks.
 */
final class Answers {

    private Answers() {
    }

    /** A post's answer, or why there was none. */
    static void one(Measurements measurements, int seq, ServerApi.Reply reply, Exception failure) {
        long now = System.nanoTime();
        if (failure != null) {
            measurements.failed(seq, failureKind(failure));
        } else if (reply.status() == 202) {
            try {
                measurements.accepted(seq, now, reply.json().path("merged").asBoolean(false));
            } catch (RuntimeException unreadable) {
                measurements.failed(seq, failureKind(unreadable));
            }
        } else {
            measurements.failed(seq, "http_" + reply.status());
        }
    }

    /**
     * A batch's answer (tickets {@code from} to {@code to}, exclusive), or why there was none: each item has the
     * status it would have had on its own, in order; a ticket the answer does not account for is an error.
     */
    static void batch(Measurements measurements, int from, int to, ServerApi.Reply reply, Exception failure) {
        long now = System.nanoTime();
        String whole = failure != null ? failureKind(failure) : reply.status() != 200 ? "http_" + reply.status() : null;
        JsonNode results = null;
        if (whole == null) {
            try {
                results = reply.json().path("results");
            } catch (RuntimeException unreadable) {
                whole = failureKind(unreadable);
            }
        }
        for (int seq = from; seq < to; seq++) {
            JsonNode item = results == null ? null : results.path(seq - from);
            if (whole != null) {
                measurements.failed(seq, whole);
            } else if (item.path("index").asInt(-1) != seq - from) {
                measurements.failed(seq, "batch_result_missing");
            } else if (item.path("status").asInt() == 202) {
                measurements.accepted(seq, now, item.path("ticket").path("merged").asBoolean(false));
            } else {
                measurements.failed(seq, "http_" + item.path("status").asInt());
            }
        }
    }

    /** A timeout (no answer, or no connection, within 30 s) or an I/O error of the named kind; an unreadable answer is the latter. */
    private static String failureKind(Exception failure) {
        return failure instanceof java.net.SocketTimeoutException
                || failure instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException
                ? "timeout" : "io_" + failure.getClass().getSimpleName();
    }
}
