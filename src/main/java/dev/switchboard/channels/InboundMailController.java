package dev.switchboard.channels;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import dev.switchboard.web.ApiProblems;
import dev.switchboard.web.InvalidRequestException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mail that a provider received for Switchboard and posts to it: SendGrid's Inbound Parse (the parsed
 * fields, or the raw mail with "send raw") and Mailgun's routes ({@code forward()}). Each post is
 * checked for the provider's credential before anything is read, then taken up like a mail from the
 * IMAP mailbox ({@link MailIntake}): the same threading, limits and idempotency, so the provider's
 * retry of a post that was taken changes nothing. A post taken up answers 200; one that the store could
 * not take answers 503, which both providers retry.
 */
@RestController
@RequestMapping("/api/v1/inbound")
public class InboundMailController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EmailProperties properties;
    private final MailIntake intake;

    public InboundMailController(EmailProperties properties, MailIntake intake) {
        this.properties = properties;
        this.intake = intake;
    }

    /** What became of the posted mail. */
    public record Taken(String outcome) {
    }

    /**
     * SendGrid Inbound Parse. Its URL carries the configured secret as basic-auth credentials
     * ({@code https://switchboard:SECRET@host/api/v1/inbound/sendgrid}) or as {@code ?key=SECRET}.
     */
    @PostMapping("/sendgrid")
    public ResponseEntity<?> sendgrid(HttpServletRequest request) throws IOException {
        if (properties.sendgridKey().isBlank()) {
            return notConfigured("switchboard.email.sendgrid-key");
        }
        if (!equal(sendgridSecret(request), properties.sendgridKey())) {
            return unauthorized("the post does not carry the configured SendGrid secret");
        }
        String raw = request.getParameter("email");
        InboundMessage mail;
        if (raw != null) {
            try {
                mail = MimeMail.read(new MimeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))), "sendgrid");
            } catch (MessagingException | IllegalArgumentException unreadable) {
                throw new InvalidRequestException("email", "is not a readable mail: " + unreadable.getMessage());
            }
        } else {
            InternetHeaders headers = headers(request.getParameter("headers"));
            mail = parsed(request, "from", "subject", "text", "html", headers, files(request, "attachment\\d+"), "sendgrid");
        }
        return take(mail);
    }

    /**
     * Mailgun routes: each post is signed with the account's HTTP webhook signing key, HMAC-SHA256 over
     * {@code timestamp + token}.
     */
    @PostMapping("/mailgun")
    public ResponseEntity<?> mailgun(HttpServletRequest request) throws IOException {
        if (properties.mailgunSigningKey().isBlank()) {
            return notConfigured("switchboard.email.mailgun-signing-key");
        }
        String timestamp = Optional.ofNullable(request.getParameter("timestamp")).orElse("");
        String token = Optional.ofNullable(request.getParameter("token")).orElse("");
        String expected = HexFormat.of().formatHex(dev.switchboard.web.Hmac.sha256(
                properties.mailgunSigningKey().getBytes(StandardCharsets.UTF_8), timestamp + token));
        if (timestamp.isEmpty() || token.isEmpty() || !equal(request.getParameter("signature"), expected)) {
            return unauthorized("the post's Mailgun signature does not verify");
        }
        InternetHeaders headers = new InternetHeaders();
        String list = request.getParameter("message-headers");
        if (list != null) {
            try {
                for (JsonNode pair : JSON.readTree(list)) {
                    headers.addHeader(pair.get(0).asString(), pair.get(1).asString());
                }
            } catch (RuntimeException malformed) {
                throw new InvalidRequestException("message-headers", "is not a JSON list of [name, value] pairs");
            }
        }
        return take(parsed(request, "from", "subject", "body-plain", "body-html", headers, files(request, "attachment-\\d+"), "mailgun"));
    }

    private ResponseEntity<?> take(InboundMessage mail) {
        MailIntake.Outcome outcome = intake.take(mail);
        return ResponseEntity.ok(new Taken(outcome.name().toLowerCase(java.util.Locale.ROOT)));
    }

    /** A mail from a provider's parsed fields: the sender, subject and text, the headers for threading and robots. */
    private static InboundMessage parsed(HttpServletRequest request, String fromField, String subjectField, String textField,
                                         String htmlField, InternetHeaders headers, List<IncomingFile> files, String source) {
        String fromValue = fieldOrHeader(request, fromField, headers, "From");
        InternetAddress from;
        try {
            from = new InternetAddress(fromValue == null ? "" : fromValue, false);
            from.validate();
        } catch (jakarta.mail.internet.AddressException bad) {
            throw new InvalidRequestException(fromField, "is not a sender's address");
        }
        String text = request.getParameter(textField);
        if (text == null || text.isBlank()) {
            String html = request.getParameter(htmlField);
            text = html == null ? "" : InboundMail.htmlToText(html);
        }
        String subject = fieldOrHeader(request, subjectField, headers, "Subject");
        return InboundMessage.of(from.getAddress(), from.getPersonal(), subject, text, name -> header(headers, name), files, source);
    }

    private static InternetHeaders headers(String raw) {
        if (raw == null || raw.isBlank()) {
            return new InternetHeaders();
        }
        try {
            return new InternetHeaders(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (MessagingException unreadable) {
            throw new InvalidRequestException("headers", "are not readable mail headers");
        }
    }

    /** A provider's parsed field, or the mail's own header when the field is absent or blank. */
    private static String fieldOrHeader(HttpServletRequest request, String field, InternetHeaders headers, String header) {
        return Optional.ofNullable(request.getParameter(field)).filter(given -> !given.isBlank()).orElse(header(headers, header));
    }

    private static String header(InternetHeaders headers, String name) {
        return headers.getHeader(name, " ");
    }

    /** The posted files whose field names match, in their numbered order. */
    private static List<IncomingFile> files(HttpServletRequest request, String namePattern) {
        if (!(request instanceof MultipartHttpServletRequest multipart)) {
            return List.of();
        }
        // By the number in the field's name, compared as digits (shorter first): any length, none parsed.
        Map<String, MultipartFile> ordered = new TreeMap<>(Comparator.comparingInt(String::length)
                .thenComparing(Comparator.naturalOrder()));
        multipart.getFileMap().forEach((name, file) -> {
            if (name.matches(namePattern)) {
                ordered.put(name.replaceAll("\\D", ""), file);
            }
        });
        List<IncomingFile> files = new ArrayList<>();
        for (MultipartFile file : ordered.values()) {
            try {
                files.add(new IncomingFile(file.getOriginalFilename(), file.getContentType(), file.getBytes()));
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
        return files;
    }

    private static String sendgridSecret(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
                return pair.substring(pair.indexOf(':') + 1);
            } catch (IllegalArgumentException notBase64) {
                return "";
            }
        }
        return Optional.ofNullable(request.getParameter("key")).orElse("");
    }

    private static boolean equal(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity<ProblemDetail> unauthorized(String why) {
        return ApiProblems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not the provider", why);
    }

    private static ResponseEntity<ProblemDetail> notConfigured(String property) {
        return ApiProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not configured",
                "this inbound webhook is off; set " + property + " to take mail this way");
    }
}
