package dev.switchboard.channels;

import java.io.IOException;
import java.io.InputStream;

/** Where attachments' bytes are kept, by their SHA-256: a local folder, or an S3-compatible bucket. */
public interface AttachmentStore {

    /** Keeps the bytes under their hash; keeping the same bytes again changes nothing. */
    void put(String sha256, byte[] bytes) throws IOException;

    InputStream open(String sha256) throws IOException;
}
