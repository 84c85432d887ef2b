package dev.switchboard.channels;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The optional SMTP listener ({@code switchboard.email.listener.*}): mail delivered straight to
 * Switchboard (as a domain's MX, or relayed by the organisation's mail server), off unless enabled.
 *
 * @param port              the port it listens on; 0 for any free one (tests)
 * @param bindAddress       the address it listens on
 * @param hostName          the name it greets with; empty: this machine's
 * @param recipients        the addresses it takes mail for ({@code help@example.com}), or whole domains
 *                          ({@code @example.com}); every other recipient is refused (550), so it never
 *                          takes mail it has no use for
 * @param maxMessageSize    the largest mail, attachments included (552 beyond it)
 * @param maxConnections    connections at once
 * @param connectionTimeout a connection silent this long is closed
 * @param mailsPerMinute    mails taken from one client address a minute (421 beyond it: senders retry later)
 * @param tlsKeystore       a PKCS#12 keystore with the certificate for STARTTLS; empty: no STARTTLS
 * @param tlsKeystorePassword its password
 * @param requireTls        refuse mail until the client has started TLS
 */
@ConfigurationProperties("switchboard.email.listener")
public record SmtpListenerProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("2525") int port,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("") String hostName,
        List<String> recipients,
        @DefaultValue("30MB") DataSize maxMessageSize,
        @DefaultValue("100") int maxConnections,
        @DefaultValue("60s") Duration connectionTimeout,
        @DefaultValue("60") int mailsPerMinute,
        @DefaultValue("") String tlsKeystore,
        @DefaultValue("") String tlsKeystorePassword,
        @DefaultValue("false") boolean requireTls) {

    public SmtpListenerProperties {
        recipients = recipients == null ? List.of()
                : recipients.stream().map(r -> r.strip().toLowerCase(Locale.ROOT)).filter(r -> !r.isEmpty()).toList();
        if (enabled && recipients.isEmpty()) {
            throw new IllegalArgumentException("switchboard.email.listener.recipients must name the addresses (help@example.com)"
                    + " or domains (@example.com) the SMTP listener takes mail for");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("switchboard.email.listener.port (" + port + ") must be 0 to 65535");
        }
        if (maxMessageSize.toBytes() < 1024 || maxMessageSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("switchboard.email.listener.max-message-size (" + maxMessageSize
                    + ") must be from 1KB to 2GB");
        }
        if (maxConnections < 1 || mailsPerMinute < 1) {
            throw new IllegalArgumentException("switchboard.email.listener.max-connections and mails-per-minute must be at least 1");
        }
        if (requireTls && tlsKeystore.isBlank()) {
            throw new IllegalArgumentException("switchboard.email.listener.require-tls needs a tls-keystore");
        }
    }

    /** Whether mail for this address is taken: it is listed, or its domain is. */
    public boolean takesMailFor(String address) {
        String lower = address.strip().toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        return recipients.contains(lower) || at >= 0 && recipients.contains(lower.substring(at));
    }

    @Override
    public String toString() {
        return dev.switchboard.web.Redacted.toString(this, "tlsKeystorePassword");
    }
}
