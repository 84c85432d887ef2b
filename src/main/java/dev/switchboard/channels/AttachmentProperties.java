package dev.switchboard.channels;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Files that come with tickets ({@code switchboard.attachments.*}).
 *
 * @param maxSize       the largest file kept; a larger one is left out and the ticket says so
 * @param maxPerMessage the most files kept from one mail or message
 * @param allowedTypes  the content types kept ({@code image/*} for a family); others are left out
 * @param storage       {@code local} (a folder, {@code dir}) or {@code s3} (an S3-compatible bucket)
 * @param dir           the local folder; empty for {@code attachments} in the data folder
 */
@ConfigurationProperties("switchboard.attachments")
public record AttachmentProperties(
        @DefaultValue("10MB") DataSize maxSize,
        @DefaultValue("10") int maxPerMessage,
        @DefaultValue({"image/*", "text/plain", "text/csv", "application/pdf", "application/zip", "message/rfc822",
                "application/msword", "application/vnd.openxmlformats-officedocument.*", "application/vnd.ms-excel",
                "application/vnd.oasis.opendocument.*", "application/json"}) List<String> allowedTypes,
        @DefaultValue("local") String storage,
        @DefaultValue("") String dir,
        @DefaultValue S3 s3) {

    public AttachmentProperties {
        if (!storage.equals("local") && !storage.equals("s3")) {
            throw new IllegalArgumentException("switchboard.attachments.storage is local or s3, not " + storage);
        }
        if (maxPerMessage < 0) {
            throw new IllegalArgumentException("switchboard.attachments.max-per-message must not be negative");
        }
    }

    /** Whether files of this content type are kept. */
    public boolean allows(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return allowedTypes.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).anyMatch(allowed -> allowed.endsWith("*")
                ? type.startsWith(allowed.substring(0, allowed.length() - 1)) : type.equals(allowed));
    }

    /**
     * An S3-compatible bucket (AWS S3, MinIO, Ceph, R2, ...).
     *
     * @param endpoint  the service's URL; empty for AWS S3 itself
     * @param pathStyle bucket in the path rather than the host name, as most self-hosted stores need
     * @param accessKey empty: the AWS SDK's default credentials (environment, profile, instance role)
     */
    public record S3(@DefaultValue("") String endpoint, @DefaultValue("") String bucket, @DefaultValue("us-east-1") String region,
                     @DefaultValue("") String accessKey, @DefaultValue("") String secretKey, @DefaultValue("true") boolean pathStyle,
                     @DefaultValue("") String prefix) {

        @Override
        public String toString() {
            return dev.switchboard.web.Redacted.toString(this, "secretKey");
        }
    }
}
