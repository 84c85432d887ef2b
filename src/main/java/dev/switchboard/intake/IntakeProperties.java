package dev.switchboard.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The intake's limits, every one explicit and configurable ({@code switchboard.intake.*}).
 *
 * @param subjectMaxChars        longest subject, in Unicode code points
 * @param bodyMaxChars           longest body, in Unicode code points
 * @param maxAttachments         most attachment URLs per ticket
 * @param attachmentUrlMaxChars  longest attachment URL
 * @param metadataMaxSize        largest metadata object, measured as compact JSON
 * @param maxRequestSize         largest request body for a single ticket
 * @param batchMaxItems          most tickets in one batch request
 * @param batchMaxRequestSize    largest request body for a batch
 * @param commitQueueCapacity    requests waiting for the group commit before intake answers 503
 * @param commitMaxRequests      most requests committed in one transaction
 * @param commitTimeout          longest a request waits for its commit before it is answered 503
 * @param retryAfter             the {@code Retry-After} given with a 503
 * @param idempotencyKeyTtl      how long an {@code Idempotency-Key} is remembered
 */
@ConfigurationProperties("switchboard.intake")
public record IntakeProperties(
        @DefaultValue("200") int subjectMaxChars,
        @DefaultValue("50000") int bodyMaxChars,
        @DefaultValue("20") int maxAttachments,
        @DefaultValue("2048") int attachmentUrlMaxChars,
        @DefaultValue("16KB") DataSize metadataMaxSize,
        @DefaultValue("512KB") DataSize maxRequestSize,
        @DefaultValue("1000") int batchMaxItems,
        @DefaultValue("32MB") DataSize batchMaxRequestSize,
        @DefaultValue("20000") int commitQueueCapacity,
        @DefaultValue("256") int commitMaxRequests,
        @DefaultValue("10s") Duration commitTimeout,
        @DefaultValue("2s") Duration retryAfter,
        @DefaultValue("24h") Duration idempotencyKeyTtl) {

    /** Column sizes in the schema hold twice these in UTF-16 units; beyond that a stored text would be cut. */
    static final int SUBJECT_COLUMN_CODE_POINTS = 500;
    static final int BODY_COLUMN_CODE_POINTS = 500_000;

    public IntakeProperties {
        require(subjectMaxChars >= 1 && subjectMaxChars <= SUBJECT_COLUMN_CODE_POINTS,
                "switchboard.intake.subject-max-chars must be 1.." + SUBJECT_COLUMN_CODE_POINTS);
        require(bodyMaxChars >= 1 && bodyMaxChars <= BODY_COLUMN_CODE_POINTS,
                "switchboard.intake.body-max-chars must be 1.." + BODY_COLUMN_CODE_POINTS);
        require(maxAttachments >= 0, "switchboard.intake.max-attachments must not be negative");
        require(batchMaxItems >= 1, "switchboard.intake.batch-max-items must be at least 1");
        require(commitQueueCapacity >= 1, "switchboard.intake.commit-queue-capacity must be at least 1");
        require(commitMaxRequests >= 1, "switchboard.intake.commit-max-requests must be at least 1");
        require(metadataMaxSize.toBytes() <= 500_000, "switchboard.intake.metadata-max-size must be at most 500KB");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
