package dev.switchboard.channels;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.access.Caller;
import dev.switchboard.access.Role;
import dev.switchboard.intake.Submitter;
import dev.switchboard.intake.TicketIntake;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.TicketId;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the support mailbox over IMAP: each unread mail becomes a ticket through intake (so with its
 * validation, duplicate merging and group commit), an answer to a ticket joins its conversation, and an
 * automatic mail is set aside. A mail is marked read only after intake has made it durable; its
 * {@code Message-ID} is its idempotency key, so a mail read again (a crash between the two, a second
 * node) replays the same ticket rather than making another.
 */
public class MailPoller {

    private static final Logger log = LoggerFactory.getLogger(MailPoller.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The mailbox as an intake caller: its own rate bucket, far above any mailbox's flow. */
    private static final Caller MAILBOX = new Caller(new Actor(Actor.Kind.SYSTEM, "email"), "email", Role.INTEGRATION, "",
            OptionalInt.of(1_000_000), Instant.MAX);

    private final EmailProperties properties;
    private final TicketIntake intake;
    private final CustomerReplies replies;

    public MailPoller(EmailProperties properties, TicketIntake intake, CustomerReplies replies) {
        this.properties = properties;
        this.intake = intake;
        this.replies = replies;
    }

    /** One pass over the unread mail; how many mails were taken up. */
    public int poll() {
        String protocol = properties.imapTls() ? "imaps" : "imap";
        Properties settings = new Properties();
        settings.put("mail." + protocol + ".connectiontimeout", "10000");
        settings.put("mail." + protocol + ".timeout", "30000");
        Session session = Session.getInstance(settings);
        int taken = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(properties.imapHost(), properties.imapPort(), properties.username(), properties.password());
            Folder folder = store.getFolder(properties.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (int i = 0; i < unread.length && taken < properties.mostPerPoll(); i++) {
                    if (takeUp((MimeMessage) unread[i])) {
                        unread[i].setFlag(Flags.Flag.SEEN, true);
                        taken++;
                    }
                }
            } finally {
                folder.close(false);
            }
        } catch (MessagingException unreachable) {
            log.warn("could not read the mailbox {}@{}: {}", properties.username(), properties.imapHost(), unreachable.toString());
        }
        return taken;
    }

    /** True when the mail is dealt with (a ticket, a reply, set aside); false to read it again next time. */
    private boolean takeUp(MimeMessage mail) {
        try {
            InternetAddress from = (InternetAddress) mail.getFrom()[0];
            String sender = from.getAddress().toLowerCase(java.util.Locale.ROOT);
            if (InboundMail.isAutomatic(header(mail, "Auto-Submitted"), header(mail, "Precedence"), header(mail, "X-Autoreply"),
                    header(mail, "Return-Path"), sender)) {
                log.info("set aside an automatic mail from {} ({})", sender, mail.getSubject());
                return true;
            }
            String subject = Optional.ofNullable(mail.getSubject()).orElse("").strip();
            String text = InboundMail.withoutQuotedHistory(text(mail));
            Optional<TicketId> answers = InboundMail.reference(subject);
            if (answers.isPresent() && replies.reply(answers.get(), sender, text)) {
                return true;
            }
            ObjectNode ticket = JSON.createObjectNode();
            ticket.put("channel", "email");
            ticket.putObject("customer").put("email", sender).put("name", Optional.ofNullable(from.getPersonal()).orElse(""));
            ticket.put("subject", subject.isEmpty() ? "(no subject)" : subject);
            ticket.put("body", text.isEmpty() ? "(no text)" : text);
            String key = "email:" + Optional.ofNullable(mail.getMessageID()).orElse(sender + "|" + mail.getSentDate() + "|" + subject);
            TicketIntake.ItemResult result = intake.accept(List.of(ticket), new Submitter(Optional.of(MAILBOX), "imap"),
                    Optional.of(key.length() > 200 ? key.substring(0, 200) : key)).getFirst();
            if (result instanceof TicketIntake.ItemResult.Rejected rejected) {
                log.warn("a mail from {} could not become a ticket: {}", sender, rejected.problems());
            }
            return true;
        } catch (MessagingException | IOException | RuntimeException failed) {
            log.warn("could not take up a mail; it is read again at the next poll: {}", failed.toString());
            return false;
        }
    }

    private static String header(MimeMessage mail, String name) throws MessagingException {
        String[] values = mail.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    /** The mail's text: its plain-text part, else its HTML part reduced to text. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("text/html")) {
            return InboundMail.htmlToText(String.valueOf(part.getContent()));
        }
        if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            String html = null;
            for (int i = 0; i < parts.getCount(); i++) {
                Part p = parts.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
                    continue;
                }
                if (p.isMimeType("text/plain") || p.isMimeType("multipart/*")) {
                    String t = text(p);
                    if (!t.isBlank()) {
                        return t;
                    }
                } else if (p.isMimeType("text/html") && html == null) {
                    html = text(p);
                }
            }
            return html == null ? "" : html;
        }
        return "";
    }
}
