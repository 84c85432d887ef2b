package dev.switchboard.channels;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.ticket.TicketId;

/**
 * What an incoming mail means for Switchboard, decided from its headers and text: whether it is an
 * automatic message (an out-of-office, a bounce: never answered, never a ticket, so that two robots
 * cannot loop), which ticket it answers, and its text without HTML and without the quoted history.
 */
public final class InboundMail {

    private static final Pattern REFERENCE = Pattern.compile("\\[#([0-9A-HJKMNP-TV-Z]{26})\\]");
    private static final Pattern QUOTE_HEADER = Pattern.compile(
            "(?m)^(On .{1,200} wrote:|-{2,} ?Original Message ?-{2,}|From: .+)\\s*$");

    private InboundMail() {
    }

    /**
     * An automatic message by the usual marks: {@code Auto-Submitted} other than {@code no} (RFC 3834),
     * {@code Precedence: bulk|junk|list|auto_reply}, {@code X-Autoreply}, an empty return path, or a
     * mailer daemon as the sender.
     */
    public static boolean isAutomatic(String autoSubmitted, String precedence, String xAutoreply, String returnPath, String from) {
        if (autoSubmitted != null && !autoSubmitted.isBlank() && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        if (precedence != null && Pattern.matches("(?i)\\s*(bulk|junk|list|auto_reply)\\s*", precedence)) {
            return true;
        }
        if (xAutoreply != null && !xAutoreply.isBlank()) {
            return true;
        }
        if (returnPath != null && returnPath.strip().equals("<>")) {
            return true;
        }
        String sender = from == null ? "" : from.toLowerCase(Locale.ROOT);
        return sender.startsWith("mailer-daemon@") || sender.startsWith("postmaster@");
    }

    /** The ticket a subject names as {@code [#<id>]}, as Switchboard's own mails write it. */
    public static Optional<TicketId> reference(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = REFERENCE.matcher(subject);
        return m.find() ? TicketId.parse(m.group(1)) : Optional.empty();
    }

    /** How Switchboard's own mails name a ticket in their subject: {@code [#<id>]}. */
    static String referenceTo(TicketId ticket) {
        return "[#" + ticket.value() + "]";
    }

    /** A subject without the ticket references in it. */
    static String withoutReferences(String subject) {
        return subject.replaceAll("\\s*" + REFERENCE.pattern(), "");
    }

    /** HTML reduced to its text: scripts and styles gone, blocks and breaks as new lines, entities read. */
    public static String htmlToText(String html) {
        String text = html.replaceAll("(?is)<(script|style|head)[^>]*>.*?</\\1>", "")
                .replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)</(p|div|li|tr|h[1-6])>", "\n")
                .replaceAll("(?s)<[^>]*>", "");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    /** The new part of a reply: up to its quoted history ("On ... wrote:", "-----Original Message-----", "> "). */
    public static String withoutQuotedHistory(String text) {
        Matcher header = QUOTE_HEADER.matcher(text);
        String cut = header.find() && header.start() > 0 ? text.substring(0, header.start()) : text;
        StringBuilder kept = new StringBuilder();
        for (String line : cut.split("\\R", -1)) {
            if (!line.startsWith(">")) {
                kept.append(line).append('\n');
            }
        }
        String result = kept.toString().strip();
        return result.isEmpty() ? text.strip() : result;
    }
}
