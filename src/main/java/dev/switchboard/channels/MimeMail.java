package dev.switchboard.channels;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/** Reads a MIME mail (from IMAP, or raw from a provider) as an {@link InboundMessage}. */
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
            files.add(new IncomingFile(filename(part), part.getContentType(), part.getInputStream().readAllBytes()));
            return "";
        }
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("text/html")) {
            return InboundMail.htmlToText(String.valueOf(part.getContent()));
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
