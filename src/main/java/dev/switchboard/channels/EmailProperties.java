package dev.switchboard.channels;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Email ({@code switchboard.email.*}): the support mailbox polled over IMAP (off while {@code imap-host}
 * is empty), and mail to customers by SMTP (off while {@code smtp-host} is empty).
 *
 * @param imapTls              IMAPS (TLS from the first byte) rather than plain IMAP
 * @param folder               the folder new mail arrives in
 * @param pollInterval         how often the mailbox is read
 * @param mostPerPoll          the most messages taken up per poll (a backlog is worked off over several)
 * @param smtpSecurity         {@code starttls} (required), {@code tls} (from the first byte) or {@code none}
 * @param smtpUsername         the SMTP account; empty: no authentication
 * @param from                 the address customers' mail comes from and is answered to ({@code Support <help@example.com>})
 * @param outboundChannels     the channels whose tickets' customers are mailed (the acknowledgement and agents' replies)
 * @param acknowledge          whether a new ticket's customer gets an acknowledgement
 * @param acknowledgementSubject the acknowledgement's subject: {@code {ticket}}, {@code {subject}}, {@code {name}} filled in
 * @param acknowledgementText  its text: also {@code {link}}, the customer's tracking link (a line left out when there is none)
 * @param replyText            an agent's reply as mailed: {@code {text}} (the reply), {@code {agent}}, {@code {ticket}}, {@code {link}}
 * @param sendgridKey          the secret SendGrid's Inbound Parse must send (as the password of the URL's basic auth); empty: off
 * @param mailgunSigningKey    Mailgun's HTTP webhook signing key, which its routes' posts are signed with; empty: off
 * @param mostInboundBytes     the largest inbound-webhook post (a mail with its attachments)
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
        @DefaultValue("200") int mostPerPoll,
        @DefaultValue("") String smtpHost,
        @DefaultValue("587") int smtpPort,
        @DefaultValue("starttls") String smtpSecurity,
        @DefaultValue("") String smtpUsername,
        @DefaultValue("") String smtpPassword,
        @DefaultValue("") String from,
        @DefaultValue("email") List<String> outboundChannels,
        @DefaultValue("true") boolean acknowledge,
        @DefaultValue("[#{ticket}] We have your request: {subject}") String acknowledgementSubject,
        @DefaultValue("""
                Hello {name},

                thank you for writing to us. Your request is ticket {ticket}, and we will answer as soon as we can.
                You can follow it here: {link}

                To add anything, simply reply to this mail.""") String acknowledgementText,
        @DefaultValue("""
                {text}

                --\s
                {agent}
                Ticket {ticket}: reply to this mail to answer.
                {link}""") String replyText,
        @DefaultValue("") String sendgridKey,
        @DefaultValue("") String mailgunSigningKey,
        @DefaultValue("30MB") org.springframework.util.unit.DataSize mostInboundBytes) {

    public EmailProperties {
        if (!List.of("starttls", "tls", "none").contains(smtpSecurity)) {
            throw new IllegalArgumentException("switchboard.email.smtp-security is starttls, tls or none, not " + smtpSecurity);
        }
        if (!smtpHost.isBlank() && from.isBlank()) {
            throw new IllegalArgumentException("switchboard.email.from is needed to send mail (switchboard.email.smtp-host is set)");
        }
    }

    @Override
    public String toString() {
        return dev.switchboard.web.Redacted.toString(this, "password", "smtpPassword", "sendgridKey", "mailgunSigningKey");
    }

    public boolean enabled() {
        return !imapHost.isBlank();
    }

    public boolean sending() {
        return !smtpHost.isBlank();
    }
}
