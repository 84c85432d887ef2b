package dev.switchboard.channels;

import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import com.github.f4b6a3.ulid.UlidCreator;

import dev.switchboard.ticket.Actor;
import dev.switchboard.ticket.Message;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketEvent;
import dev.switchboard.ticket.TicketId;
import dev.switchboard.ticket.Tickets;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mail to customers by SMTP: the acknowledgement of a new ticket and every agent's reply. Each goes
 * through the notification outbox as a delivery of the mail subscription (written with the event, so
 * none is lost; retried, parked where an admin sees it). Each mail has its own {@code Message-ID},
 * answers the customer's latest mail ({@code In-Reply-To}) and names the thread ({@code References}),
 * so that the customer's client threads it and their answer finds its ticket. The acknowledgement is
 * marked {@code Auto-Submitted: auto-replied} (RFC 3834), so that other robots do not answer it.
 */
public class MailOut {

    /** The mail subscription's format and fixed id: every node and every restart find the same one. */
    public static final String FORMAT = "email";
    static final String SUBSCRIPTION_ID = "0000000000000000000000MAIL";
    static final String ACKNOWLEDGEMENT = "mail.acknowledgement";
    static final String REPLY = "mail.reply";
    private static final String CHANNEL = "channel:";
    /** How many of the thread's Message-IDs an agent's reply names in {@code References}. */
    private static final int MOST_REFERENCES = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EmailProperties properties;
    /** The sender and reply-to address ({@code switchboard.email.from}). */
    private final InternetAddress from;
    /** The SMTP settings, made once: every mail is sent with them. */
    private final Session session;
    private final Tickets tickets;
    private final MailThreads threads;
    private final TicketLinks links;
    private final dev.switchboard.access.Users users;
    private final Clock clock;

    public MailOut(EmailProperties properties, Tickets tickets, MailThreads threads, TicketLinks links,
                   dev.switchboard.access.Users users, Clock clock) {
        this.users = users;
        this.properties = properties;
        try {
            this.from = new InternetAddress(properties.from(), true);
        } catch (AddressException bad) { // at start, rather than at the first mail
            throw new IllegalArgumentException("switchboard.email.from is not an address: " + bad.getMessage());
        }
        this.session = session(properties);
        this.tickets = tickets;
        this.threads = threads;
        this.links = links;
        this.clock = clock;
    }

    /** The mail subscription as configured: what it sends (its events), for which channels' tickets. */
    static WebhookSubscription subscription(EmailProperties properties, Instant now) {
        Set<String> wants = new LinkedHashSet<>();
        if (properties.acknowledge()) {
            wants.add(ACKNOWLEDGEMENT);
        }
        wants.add(REPLY);
        properties.outboundChannels().forEach(channel -> wants.add(CHANNEL + channel.strip()));
        return new WebhookSubscription(SUBSCRIPTION_ID, "Email to customers (switchboard.email.smtp-host)",
                URI.create("smtp://" + properties.smtpHost() + ":" + properties.smtpPort()), wants, FORMAT, "-", now);
    }

    /** The mail a ticket event makes for the mail subscription: an acknowledgement, an agent's reply, or none. */
    static Optional<WebhookDelivery> delivery(TicketEvent event, WebhookSubscription mail, Instant now) {
        Object channel = event.detail().get("channel");
        if (channel == null || !mail.events().contains(CHANNEL + channel)) {
            return Optional.empty();
        }
        String type;
        if (event.type().equals(TicketEvent.RECEIVED) && mail.events().contains(ACKNOWLEDGEMENT)) {
            type = ACKNOWLEDGEMENT;
        } else if (event.type().equals(TicketEvent.REPLIED) && event.actor().kind() == Actor.Kind.USER) {
            type = REPLY;
        } else {
            return Optional.empty();
        }
        String id = UlidCreator.getMonotonicUlid().toString();
        String payload = JSON.writeValueAsString(Map.of("ticketId", event.ticketId().value(),
                "message", String.valueOf(event.detail().getOrDefault("message", ""))));
        return Optional.of(new WebhookDelivery(id, mail.id(), type, payload, WebhookDelivery.PENDING, 0, now, Optional.empty(), now));
    }

    /**
     * Sends a delivery's mail. A ticket or message that is gone, or a customer without an address, sends
     * nothing.
     *
     * @throws MessagingException when the SMTP server does not take it: tried again later
     */
    public void send(WebhookDelivery delivery) throws MessagingException {
        JsonNode payload = JSON.readTree(delivery.payload());
        Optional<Ticket> found = TicketId.parse(payload.get("ticketId").asString()).flatMap(tickets::find);
        if (found.isEmpty() || found.get().customer().email().isBlank()) {
            return;
        }
        Ticket ticket = found.get();
        String link = links.customerLink(ticket.id()).orElse("");
        String subject;
        String text;
        if (delivery.type().equals(ACKNOWLEDGEMENT)) {
            subject = fill(properties.acknowledgementSubject(), ticket, link, Map.of());
            text = fill(properties.acknowledgementText(), ticket, link, Map.of());
        } else {
            String messageId = payload.get("message").asString();
            Optional<Message> reply = tickets.conversation(ticket.id()).stream().filter(m -> m.id().equals(messageId)).findFirst();
            if (reply.isEmpty() || reply.get().internal()) {
                return;
            }
            subject = "Re: " + subjectOf(ticket) + " " + InboundMail.referenceTo(ticket.id());
            text = fill(properties.replyText(), ticket, link, Map.of("text", reply.get().body(), "agent", agentName(reply.get().author())));
        }
        MimeMessage mail = compose(delivery, ticket, subject, text);
        threads.record(mail.getMessageID(), ticket.id(), MailThreads.OUTBOUND, clock.instant());
        Transport.send(mail, mail.getAllRecipients(), blankToNull(properties.smtpUsername()), blankToNull(properties.smtpPassword()));
    }

    private MimeMessage compose(WebhookDelivery delivery, Ticket ticket, String subject, String text) throws MessagingException {
        String domain = from.getAddress().substring(from.getAddress().indexOf('@') + 1);
        // The delivery's id in it: a send tried again after a lost answer has the same Message-ID, and the receiver drops it.
        String messageId = "<" + delivery.id() + "." + ticket.id().value() + "@" + domain + ">";
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mail.setFrom(from);
        mail.setReplyTo(new InternetAddress[] {from});
        try {
            mail.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(ticket.customer().email(), ticket.customer().name(), "UTF-8"));
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
        mail.setSubject(subject, "UTF-8");
        mail.setText(text, "UTF-8");
        mail.setSentDate(java.util.Date.from(clock.instant()));
        List<String> thread = threads.thread(ticket.id(), MOST_REFERENCES);
        threads.lastInbound(ticket.id()).ifPresent(answered -> {
            try {
                mail.setHeader("In-Reply-To", answered);
            } catch (MessagingException impossible) {
                throw new IllegalStateException(impossible);
            }
        });
        if (!thread.isEmpty()) {
            mail.setHeader("References", String.join(" ", thread));
        }
        if (delivery.type().equals(ACKNOWLEDGEMENT)) {
            mail.setHeader("Auto-Submitted", "auto-replied");
        }
        mail.setHeader("X-Switchboard-Ticket", ticket.id().value());
        mail.saveChanges();
        return mail;
    }

    private static Session session(EmailProperties properties) {
        Properties settings = new Properties();
        String protocol = properties.smtpSecurity().equals("tls") ? "smtps" : "smtp";
        settings.put("mail.transport.protocol", protocol);
        settings.put("mail." + protocol + ".host", properties.smtpHost());
        settings.put("mail." + protocol + ".port", Integer.toString(properties.smtpPort()));
        settings.put("mail." + protocol + ".auth", Boolean.toString(!properties.smtpUsername().isBlank()));
        settings.put("mail." + protocol + ".connectiontimeout", "10000");
        settings.put("mail." + protocol + ".timeout", "30000");
        settings.put("mail." + protocol + ".writetimeout", "30000");
        if (properties.smtpSecurity().equals("starttls")) {
            settings.put("mail.smtp.starttls.enable", "true");
            settings.put("mail.smtp.starttls.required", "true");
        }
        return Session.getInstance(settings);
    }

    private static String subjectOf(Ticket ticket) {
        String subject = InboundMail.withoutReferences(ticket.subject()).replaceFirst("(?i)^((re|aw|sv|fw|fwd):\\s*)+", "").strip();
        return subject.isEmpty() ? "Your request" : subject;
    }

    /** The replying agent's name as their user has it; the sender's name when they are gone. */
    private String agentName(Actor author) {
        String support = Optional.ofNullable(from.getPersonal()).orElse("Support");
        return author.kind() == Actor.Kind.USER ? users.find(author.id()).map(dev.switchboard.access.User::name).orElse(support) : support;
    }

    private String fill(String template, Ticket ticket, String link, Map<String, String> more) {
        String text = template;
        if (link.isEmpty()) {
            text = text.replaceAll("(?m)^[^\\n]*\\{link}[^\\n]*\\n?", "").replace("{link}", "");
        }
        text = text.replace("{ticket}", ticket.id().value()).replace("{subject}", subjectOf(ticket))
                .replace("{name}", ticket.customer().name().isBlank() ? "there" : ticket.customer().name()).replace("{link}", link);
        for (Map.Entry<String, String> e : more.entrySet()) {
            text = text.replace("{" + e.getKey() + "}", e.getValue());
        }
        return text.strip() + "\n";
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }
}
