package dev.switchboard.channels;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The support mailbox ({@code switchboard.email.*}), polled over IMAP; off while {@code imap-host} is empty.
 *
 * @param imapTls      IMAPS (TLS from the first byte) rather than plain IMAP
 * @param folder       the folder new mail arrives in
 * @param pollInterval how often the mailbox is read
 * @param mostPerPoll  the most messages taken up per poll (a backlog is worked off over several)
 */
@ConfigurationProperties("switchboard.email")
public record EmailProperties(
        @DefaultValue("") String imapHost,
        @DefaultValue("993") int imapPort,
        @DefaultValue("true") boolean imapTls,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("INBOX") String folder,
        @DefaultValue("30s") Duration pollInterval,
        @DefaultValue("200") int mostPerPoll) {

    public boolean enabled() {
        return !imapHost.isBlank();
    }
}
