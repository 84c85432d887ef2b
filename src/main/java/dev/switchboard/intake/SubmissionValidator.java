package dev.switchboard.intake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Customer;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TextSanitizer;
import dev.switchboard.web.FieldProblem;

/**
 * Cleans a {@link TicketSubmission} and checks it against the intake's limits, naming every bad field
 * at once so that a client fixes its request in one round. The limits come from configuration, which
 * is why these checks are code rather than Bean Validation annotations with constant bounds.
 */
final class SubmissionValidator {

    /** The WHATWG HTML "valid e-mail address" grammar, which browsers' email inputs enforce. */
    private static final Pattern EMAIL = Pattern.compile(
            "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");
    private static final int EMAIL_MAX_CHARS = 254; // RFC 5321 path limit
    private static final int CUSTOMER_ID_MAX_CHARS = 200;
    private static final int NAME_MAX_CHARS = Customer.NAME_MAX_CHARS;
    private static final int REGION_MAX_CHARS = 64;

    private final IntakeProperties limits;
    private final MetadataSize metadataSize;

    SubmissionValidator(IntakeProperties limits, MetadataSize metadataSize) {
        this.limits = limits;
        this.metadataSize = metadataSize;
    }

    /** The size of a metadata object as compact JSON, in bytes; measured by the JSON adapter. */
    @FunctionalInterface
    interface MetadataSize {
        long bytes(Map<String, Object> metadata);
    }

    /** What a submission becomes: either a clean ticket draft, or the list of its problems. */
    sealed interface Result {
        record Valid(CleanSubmission submission) implements Result {
        }

        record Invalid(List<FieldProblem> problems) implements Result {
        }
    }

    /** A submission that passed every check, its texts cleaned. */
    record CleanSubmission(Channel channel, Customer customer, String subject, String body, List<URI> attachments,
                           Map<String, Object> metadata, Optional<Priority> priority) {
    }

    Result validate(TicketSubmission in) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<Channel> channel = channel(in.channel(), problems);
        Customer customer = customer(in.customer(), channel, problems);
        String subject = TextSanitizer.singleLine(in.subject());
        if (subject.isEmpty() && channel.map(Channel::requiresSubject).orElse(false)) {
            problems.add(new FieldProblem("subject", "is required for channel " + channel.get().wireName()));
        }
        maxLength("subject", subject, limits.subjectMaxChars(), problems);
        String body = TextSanitizer.body(in.body());
        if (body.isBlank()) {
            problems.add(new FieldProblem("body", in.body() == null ? "is required" : "must not be blank"));
        }
        maxLength("body", body, limits.bodyMaxChars(), problems);
        List<URI> attachments = attachments(in.attachments(), problems);
        Map<String, Object> metadata = metadata(in.metadata(), problems);
        Optional<Priority> priority = priority(in.priority(), problems);
        if (!problems.isEmpty()) {
            return new Result.Invalid(problems);
        }
        return new Result.Valid(new CleanSubmission(channel.orElseThrow(), customer, subject, body, attachments,
                metadata, priority));
    }

    private static Optional<Channel> channel(String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem("channel", "is required"));
            return Optional.empty();
        }
        Optional<Channel> channel = Channel.fromWireName(value);
        if (channel.isEmpty()) {
            problems.add(new FieldProblem("channel", "must be one of email, chat, api, phone, web_form"));
        }
        return channel;
    }

    private static Customer customer(TicketSubmission.CustomerSubmission in, Optional<Channel> channel,
                                     List<FieldProblem> problems) {
        if (in == null) {
            problems.add(new FieldProblem("customer", "is required"));
            return null;
        }
        String id = TextSanitizer.singleLine(in.id());
        String email = TextSanitizer.singleLine(in.email());
        maxLength("customer.id", id, CUSTOMER_ID_MAX_CHARS, problems);
        if (email.isEmpty()) {
            if (id.isEmpty()) {
                problems.add(new FieldProblem("customer.email", "is required when customer.id is absent"));
            } else if (channel.orElse(null) == Channel.EMAIL) {
                problems.add(new FieldProblem("customer.email", "is required for channel email"));
            }
        } else if (email.length() > EMAIL_MAX_CHARS || !EMAIL.matcher(email).matches()) {
            problems.add(new FieldProblem("customer.email", "must be a valid email address"));
        }
        String name = TextSanitizer.singleLine(in.name());
        String region = TextSanitizer.singleLine(in.region());
        String tier = TextSanitizer.singleLine(in.tier());
        maxLength("customer.name", name, NAME_MAX_CHARS, problems);
        maxLength("customer.region", region, REGION_MAX_CHARS, problems);
        maxLength("customer.tier", tier, REGION_MAX_CHARS, problems);
        return id.isEmpty() && email.isEmpty() ? null : Customer.of(id, email, name, region, tier);
    }

    private List<URI> attachments(List<String> in, List<FieldProblem> problems) {
        if (in == null) {
            return List.of();
        }
        if (in.size() > limits.maxAttachments()) {
            problems.add(new FieldProblem("attachments", "must hold at most " + limits.maxAttachments() + " URLs"));
            return List.of();
        }
        List<URI> uris = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            String field = "attachments[" + i + "]";
            String url = in.get(i) == null ? "" : in.get(i).strip();
            if (url.length() > limits.attachmentUrlMaxChars()) {
                problems.add(new FieldProblem(field, "must be at most " + limits.attachmentUrlMaxChars() + " characters"));
                continue;
            }
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    uris.add(uri);
                } else {
                    problems.add(new FieldProblem(field, "must be an absolute http or https URL"));
                }
            } catch (URISyntaxException notAUri) {
                problems.add(new FieldProblem(field, "must be an absolute http or https URL"));
            }
        }
        return uris;
    }

    private Map<String, Object> metadata(Map<String, Object> in, List<FieldProblem> problems) {
        if (in == null) {
            return Map.of();
        }
        Map<String, Object> present = new LinkedHashMap<>();
        in.forEach((key, value) -> {
            if (value != null) {
                present.put(key, value);
            }
        });
        long size = metadataSize.bytes(present);
        if (size > limits.metadataMaxSize().toBytes()) {
            problems.add(new FieldProblem("metadata", "must be at most " + limits.metadataMaxSize().toBytes()
                    + " bytes as JSON, not " + size));
        }
        return present;
    }

    private static Optional<Priority> priority(String value, List<FieldProblem> problems) {
        if (value == null) {
            return Optional.empty();
        }
        Optional<Priority> priority = Priority.parse(value);
        if (priority.isEmpty()) {
            problems.add(new FieldProblem("priority", "must be one of P1, P2, P3, P4"));
        }
        return priority;
    }

    private static void maxLength(String field, String value, int max, List<FieldProblem> problems) {
        if (value.length() > max && value.codePointCount(0, value.length()) > max) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
        }
    }
}
