package dev.switchboard.channels;

import java.util.Locale;
import java.util.Objects;

/** A file as a channel received it, before it is checked against the limits and kept. */
public record IncomingFile(String filename, String contentType, byte[] bytes) {

    public IncomingFile {
        Objects.requireNonNull(bytes, "bytes");
        filename = safeName(filename);
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream"
                : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    /** A file name without a path, control characters or quotes, at most 255 characters. */
    static String safeName(String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            base = "attachment";
        }
        return base.length() > 255 ? base.substring(base.length() - 255) : base;
    }
}
