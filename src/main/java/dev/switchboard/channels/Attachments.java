package dev.switchboard.channels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.github.f4b6a3.ulid.UlidCreator;

import dev.switchboard.ticket.TicketId;

/**
 * The files that come with tickets: checked against the limits (size, type, how many), their bytes kept
 * in the attachment store by content, their records by ticket. A file over a limit is left out, never
 * the ticket: what was left out and why is said back, for the ticket to show.
 */
public class Attachments {

    private final AttachmentRecords records;
    private final AttachmentStore store;
    private final AttachmentProperties limits;
    private final Clock clock;

    public Attachments(AttachmentRecords records, AttachmentStore store, AttachmentProperties limits, Clock clock) {
        this.records = records;
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    /** A message's files checked against the limits: those to keep, and a line for each one left out. */
    public record Checked(List<IncomingFile> accepted, List<String> leftOut) {
    }

    /** Checks a message's files against the limits (size, type, how many). */
    public Checked check(List<IncomingFile> files) {
        List<IncomingFile> accepted = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (IncomingFile file : files) {
            if (accepted.size() >= limits.maxPerMessage()) {
                leftOut.add(file.filename() + ": more than " + limits.maxPerMessage() + " files in one message");
            } else if (file.bytes().length > limits.maxSize().toBytes()) {
                leftOut.add(file.filename() + ": larger than " + (limits.maxSize().toKilobytes() >= 1024
                        ? limits.maxSize().toMegabytes() + " MB" : limits.maxSize().toKilobytes() + " KB"));
            } else if (!limits.allows(file.contentType())) {
                leftOut.add(file.filename() + ": files of type " + file.contentType() + " are not accepted");
            } else {
                accepted.add(file);
            }
        }
        return new Checked(List.copyOf(accepted), List.copyOf(leftOut));
    }

    /**
     * Keeps checked files for a ticket (and the customer's message they came with).
     *
     * @throws UncheckedIOException when the store cannot take them: the message is to be tried again
     */
    public List<Attachment> keep(TicketId ticket, Optional<String> messageId, List<IncomingFile> accepted) {
        return accepted.stream().map(file -> keep(ticket, messageId, file)).toList();
    }

    private Attachment keep(TicketId ticket, Optional<String> messageId, IncomingFile file) {
        String sha256 = sha256(file.bytes());
        try {
            store.put(sha256, file.bytes());
        } catch (IOException failed) {
            throw new UncheckedIOException("could not keep " + file.filename(), failed);
        }
        return records.insert(new Attachment(UlidCreator.getMonotonicUlid().toString(), ticket, messageId, file.filename(),
                file.contentType(), file.bytes().length, sha256, clock.instant()));
    }

    public List<Attachment> of(TicketId ticket) {
        return records.of(ticket);
    }

    public Optional<Attachment> find(TicketId ticket, String id) {
        return records.find(ticket, id);
    }

    public InputStream open(Attachment attachment) throws IOException {
        return store.open(attachment.sha256());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
