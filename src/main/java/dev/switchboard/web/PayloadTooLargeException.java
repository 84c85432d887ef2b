package dev.switchboard.web;

/** A request body over the configured size limit; answered 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limitBytes) {
        super("request body is larger than the limit of " + limitBytes + " bytes");
    }
}
