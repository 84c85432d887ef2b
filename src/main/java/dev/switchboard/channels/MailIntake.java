package dev.switchboard.channels;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.access.Caller;
import dev.switchboard.access.Role;
import dev.switchboard.intake.Submitter;
import dev.switchboard.intake.TicketIntake;
import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.TicketId;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a customer's mail becomes, whichever way it came (the IMAP mailbox, a provider's inbound
 * webhook): nothing when it is automatic; a message on its ticket when it answers one of the sender's
 * tickets (named in the subject as {@code [#id]}, or by {@code In-Reply-To}/{@code References}); else a
 * new ticket through intake, with its {@code Message-ID} as the idempotency key. Its files are kept
 * within the attachment limits; those left out are named on the ticket.
 *
 * <p>A mail cannot be sent back for being too long, so it is fitted to the limits rather than refused:
 * a subject or a sender's name over the limit is cut with an ellipsis, and a text longer than a
 * ticket's body or a message holds is cut with a note that says so, its whole text kept as the
 * attachment {@value #WHOLE_TEXT}.
 */
public class MailIntake {

    /** What became of a mail. */
    public enum Outcome { TICKET, REPLY, AUTOMATIC, REJECTED }

    private static final Logger log = LoggerFactory.getLogger(MailIntake.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Mail as an intake caller: its own rate bucket, far above any mailbox's flow. */
    private static final Caller MAILBOX = new Caller(new Actor(Actor.Kind.SYSTEM, "email"), "email", Role.INTEGRATION, "",
            OptionalInt.of(1_000_000), Instant.MAX);

    /** The attachment that keeps the whole text of a mail too long for a ticket or a message. */
    static final String WHOLE_TEXT = "mail-text.txt";

    /**
     * The longest text a mail may make, in Unicode code points: intake's subject and body limits and the
     * desk's limit for a message on a ticket.
     */
    public record Limits(int subjectMaxChars, int bodyMaxChars, int messageMaxChars) {
    }

    private final TicketIntake intake;
    private final CustomerReplies replies;
    private final MailThreads threads;
    private final Attachments attachments;
    private final Limits limits;
    private final Clock clock;

    public MailIntake(TicketIntake intake, CustomerReplies replies, MailThreads threads, Attachments attachments, Limits limits,
                      Clock clock) {
        this.intake = intake;
        this.replies = replies;
        this.threads = threads;
        this.attachments = attachments;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Takes a mail up. Safe to repeat: a mail taken up before (its Message-ID known) makes no second
     * ticket or message.
     *
     * @throws RuntimeException when the store fails: the mail is to be tried again
     */
    public Outcome take(InboundMessage mail) {
        if (mail.isAutomatic()) {
            log.info("set aside an automatic mail from {} ({})", mail.sender(), mail.subject());
            return Outcome.AUTOMATIC;
        }
        String whole = InboundMail.withoutQuotedHistory(mail.text());
        // A message on a ticket or a new ticket's body: the text must fit whichever it becomes.
        int most = Math.min(limits.bodyMaxChars(), limits.messageMaxChars());
        boolean cut = whole.codePointCount(0, whole.length()) > most;
        List<IncomingFile> incoming = new ArrayList<>();
        if (cut) {
            incoming.add(new IncomingFile(WHOLE_TEXT, "text/plain", whole.getBytes(StandardCharsets.UTF_8)));
        }
        incoming.addAll(mail.files());
        Attachments.Checked files = attachments.check(incoming);
        String text = cut ? cutText(whole, most, files.accepted().stream().anyMatch(f -> f.filename().equals(WHOLE_TEXT))) : whole;
        Optional<TicketId> known = mail.messageId().flatMap(id -> threads.ticketOf(List.of(id)));
        Optional<TicketId> answers = InboundMail.reference(mail.subject()).or(() -> threads.ticketOf(mail.threadIds()));
        if (answers.isPresent()) {
            if (known.isPresent() && known.equals(answers)) {
                return Outcome.REPLY; // taken up before: a crash before the mailbox heard of it, a provider's retry
            }
            Optional<String> message = replies.reply(answers.get(), mail.sender(), withLeftOut(text, files.leftOut()));
            if (message.isPresent()) {
                remember(mail, answers.get());
                attachments.keep(answers.get(), message, files.accepted());
                return Outcome.REPLY;
            }
        }
        ObjectNode ticket = JSON.createObjectNode();
        ticket.put("channel", "email");
        ticket.putObject("customer").put("email", mail.sender())
                .put("name", cut(mail.senderName(), dev.switchboard.ticket.Customer.NAME_MAX_CHARS));
        ticket.put("subject", mail.subject().isEmpty() ? "(no subject)" : cut(mail.subject(), limits.subjectMaxChars()));
        ticket.put("body", text.isBlank() ? "(no text)" : text);
        ObjectNode metadata = ticket.putObject("metadata");
        metadata.put("email_source", mail.source());
        if (!files.leftOut().isEmpty()) {
            ArrayNode leftOut = metadata.putArray("attachments_left_out");
            files.leftOut().forEach(leftOut::add);
        }
        String key = "email:" + mail.messageId().orElse(mail.sender() + "|" + mail.subject() + "|" + text.hashCode());
        TicketIntake.ItemResult result = intake.accept(List.of(ticket), new Submitter(Optional.of(MAILBOX), mail.source()),
                Optional.of(key.length() > 200 ? key.substring(0, 200) : key)).getFirst();
        Optional<TicketId> made = switch (result) {
            case TicketIntake.ItemResult.Accepted accepted -> Optional.of(accepted.ticket().id());
            case TicketIntake.ItemResult.Merged merged -> Optional.of(merged.joined().id());
            default -> Optional.empty();
        };
        if (made.isEmpty()) {
            log.warn("a mail from {} could not become a ticket: {}", mail.sender(), result);
            return Outcome.REJECTED;
        }
        remember(mail, made.get());
        attachments.keep(made.get(), Optional.empty(), files.accepted());
        return Outcome.TICKET;
    }

    /** The text's beginning and a note, {@code most} code points in all. */
    private static String cutText(String whole, int most, boolean wholeKept) {
        String note = "\n\n[cut here: the mail's text has " + whole.codePointCount(0, whole.length())
                + " characters, more than the " + most + " a ticket holds; " + (wholeKept
                ? "the whole text is attached as " + WHOLE_TEXT + "]" : "the rest could not be kept as an attachment]");
        int keep = Math.max(0, most - note.codePointCount(0, note.length()));
        return whole.substring(0, whole.offsetByCodePoints(0, keep)) + note;
    }

    /** A single line of at most {@code most} code points, ending with an ellipsis where it was cut. */
    private static String cut(String line, int most) {
        if (line == null || line.codePointCount(0, line.length()) <= most) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, most - 1)) + "\u2026";
    }

    private void remember(InboundMessage mail, TicketId ticket) {
        mail.messageId().ifPresent(id -> threads.record(id, ticket, MailThreads.INBOUND, clock.instant()));
    }

    private static String withLeftOut(String text, List<String> leftOut) {
        if (leftOut.isEmpty()) {
            return text.isBlank() ? "(no text)" : text;
        }
        return (text.isBlank() ? "" : text + "\n\n") + "[attachments left out: " + String.join("; ", leftOut) + "]";
    }
}
