package dev.switchboard.channels;

import java.time.Clock;
import java.time.Instant;
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
 */
public class MailIntake {

    /** What became of a mail. */
    public enum Outcome { TICKET, REPLY, AUTOMATIC, REJECTED }

    private static final Logger log = LoggerFactory.getLogger(MailIntake.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Mail as an intake caller: its own rate bucket, far above any mailbox's flow. */
    private static final Caller MAILBOX = new Caller(new Actor(Actor.Kind.SYSTEM, "email"), "email", Role.INTEGRATION, "",
            OptionalInt.of(1_000_000), Instant.MAX);

    private final TicketIntake intake;
    private final CustomerReplies replies;
    private final MailThreads threads;
    private final Attachments attachments;
    private final Clock clock;

    public MailIntake(TicketIntake intake, CustomerReplies replies, MailThreads threads, Attachments attachments, Clock clock) {
        this.intake = intake;
        this.replies = replies;
        this.threads = threads;
        this.attachments = attachments;
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
        String text = InboundMail.withoutQuotedHistory(mail.text());
        Attachments.Checked files = attachments.check(mail.files());
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
        ticket.putObject("customer").put("email", mail.sender()).put("name", mail.senderName());
        ticket.put("subject", mail.subject().isEmpty() ? "(no subject)" : mail.subject());
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
