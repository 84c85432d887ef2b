package dev.switchboard.channels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Reads a MIME mail (from IMAP, or raw from a provider) as an {@link InboundMessage}.
 *
 * <p>Leniently, as mail comes: a text in a charset this JVM does not know is read as UTF-8 (unreadable
 * bytes replaced), and a part whose transfer encoding is broken (bad base64) is taken as it came. A mail
 * that could not be read at all would be lost, or, from a mailbox, read again at every poll.
 */
public final class MimeMail {

    private MimeMail() {
    }

    public static InboundMessage read(MimeMessage mail, String source) throws MessagingException, IOException {
        Address[] from = mail.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress sender)) {
            throw new IllegalArgumentException("the mail has no sender");
        }
        List<IncomingFile> files = new ArrayList<>();
        String text = text(mail, files);
        return InboundMessage.of(sender.getAddress(), sender.getPersonal(), mail.getSubject(), text, name -> {
            try {
                return mail.getHeader(name, " ");
            } catch (MessagingException unreadable) {
                return null;
            }
        }, files, source);
    }

    /**
     * The mail's text, its plain-text part, else its HTML part reduced to text; the files it carries are
     * added to {@code files}.
     */
    private static String text(Part part, List<IncomingFile> files) throws MessagingException, IOException {
        if (isFile(part)) {
            files.add(new IncomingFile(filename(part), part.getContentType(), bytes(part)));
            return "";
        }
        if (part.isMimeType("text/plain")) {
            return decoded(part);
        }
        if (part.isMimeType("text/html")) {
            return InboundMail.htmlToText(decoded(part));
        }
        if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            String plain = null;
            String html = null;
            for (int i = 0; i < parts.getCount(); i++) {
                Part p = parts.getBodyPart(i);
                boolean isHtml = p.isMimeType("text/html") && !isFile(p);
                String t = text(p, files);
                if (isHtml) {
                    html = html == null ? t : html;
                } else if (!t.isBlank() && plain == null) {
                    plain = t;
                }
            }
            return plain != null ? plain : html == null ? "" : html;
        }
        return "";
    }

    /** The part's content, its transfer encoding undone; as it came when that encoding is broken. */
    private static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream decoded = part.getInputStream()) {
            return decoded.readAllBytes();
        } catch (IOException undecodable) {
            InputStream raw = switch (part) {
                case MimeBodyPart body -> body.getRawInputStream();
                case MimeMessage message -> message.getRawInputStream();
                default -> throw undecodable;
            };
            try (raw) {
                return raw.readAllBytes();
            }
        }
    }

    /** A text part's text, in the charset it names when this JVM knows it, else as UTF-8. */
    private static String decoded(Part part) throws MessagingException, IOException {
        return new String(bytes(part), charset(part));
    }

    private static Charset charset(Part part) {
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            String java = name == null ? null : MimeUtility.javaCharset(name.strip());
            if (java != null && Charset.isSupported(java)) {
                return Charset.forName(java);
            }
        } catch (MessagingException | IllegalArgumentException unreadable) {
            // a Content-Type that does not parse, or a charset name that is not one: as if none were named
        }
        return StandardCharsets.UTF_8;
    }

    /** A part that is a file rather than the text: an attachment, or an inline part that is not the mail's text. */
    private static boolean isFile(Part part) throws MessagingException {
        if (part.isMimeType("multipart/*")) {
            return false;
        }
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return true;
        }
        if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
            return part.getFileName() != null && part.getDisposition() != null;
        }
        return true;
    }

    private static String filename(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null) {
            return "attachment";
        }
        try {
            return MimeUtility.decodeText(name);
        } catch (IOException undecodable) {
            return name;
        }
    }
}
