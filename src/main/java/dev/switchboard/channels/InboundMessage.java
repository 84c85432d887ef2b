package dev.switchboard.channels;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer's mail as any channel received it (the IMAP mailbox, a provider's inbound webhook), in the
 * terms Switchboard decides by.
 *
 * @param sender     the sender's address, lower-cased
 * @param text       the mail's text (HTML already reduced), quoted history still in
 * @param messageId  its {@code Message-ID}, with its angle brackets
 * @param threadIds  the Message-IDs it answers, nearest first: {@code In-Reply-To}, then {@code References} newest first
 * @param automatic  the headers that mark an automatic mail, for {@link InboundMail#isAutomatic}
 * @param source     where it came from ({@code imap}, {@code sendgrid}, {@code mailgun}), for the ticket's record
 */
public record InboundMessage(String sender, String senderName, String subject, String text, Optional<String> messageId,
                             List<String> threadIds, AutomaticMarks automatic, List<IncomingFile> files, String source) {

    private static final Pattern ID = Pattern.compile("<[^<>\\s]+>");

    public InboundMessage {
        sender = Objects.requireNonNull(sender, "sender").strip().toLowerCase(Locale.ROOT);
        senderName = senderName == null ? "" : senderName.strip();
        subject = subject == null ? "" : subject.strip();
        text = text == null ? "" : text;
        Objects.requireNonNull(messageId, "messageId");
        threadIds = List.copyOf(threadIds);
        Objects.requireNonNull(automatic, "automatic");
        files = List.copyOf(files);
        Objects.requireNonNull(source, "source");
    }

    /** The headers that tell an automatic mail, each null when absent. */
    public record AutomaticMarks(String autoSubmitted, String precedence, String xAutoreply, String returnPath) {

        public static final AutomaticMarks NONE = new AutomaticMarks(null, null, null, null);
    }

    /**
     * A mail from its sender, subject and text and its headers (any source: a MIME mail, a provider's
     * header list), which say its Message-ID, what it answers and whether a robot wrote it.
     *
     * @param header a header's value by name, null when absent (several of one name joined by spaces)
     */
    public static InboundMessage of(String sender, String senderName, String subject, String text,
                                    java.util.function.Function<String, String> header, List<IncomingFile> files, String source) {
        return new InboundMessage(sender, senderName, subject, text, messageId(header.apply("Message-ID")),
                threadIds(header.apply("In-Reply-To"), header.apply("References")),
                new AutomaticMarks(header.apply("Auto-Submitted"), header.apply("Precedence"), header.apply("X-Autoreply"),
                        header.apply("Return-Path")),
                files, source);
    }

    /** Whether this is an out-of-office, a bounce or another robot's mail: never a ticket, never answered. */
    public boolean isAutomatic() {
        return InboundMail.isAutomatic(automatic.autoSubmitted(), automatic.precedence(), automatic.xAutoreply(),
                automatic.returnPath(), sender);
    }

    /** The Message-IDs in a header's value ({@code <a@b> <c@d>}), in order. */
    public static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            Matcher m = ID.matcher(header);
            while (m.find()) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    /** The Message-IDs a mail answers, nearest first, from its {@code In-Reply-To} and {@code References}. */
    public static List<String> threadIds(String inReplyTo, String references) {
        LinkedHashSet<String> ordered = new LinkedHashSet<>(ids(inReplyTo));
        List<String> refs = ids(references);
        for (int i = refs.size() - 1; i >= 0; i--) {
            ordered.add(refs.get(i));
        }
        return List.copyOf(ordered);
    }

    /** A Message-ID as headers write it: in angle brackets. */
    public static Optional<String> messageId(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        List<String> ids = ids(header);
        return Optional.of(ids.isEmpty() ? "<" + header.strip() + ">" : ids.getFirst());
    }
}
