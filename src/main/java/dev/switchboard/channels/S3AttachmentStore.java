package dev.switchboard.channels;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Attachments in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2, ...), one object per file under
 * {@code <prefix>sha256}. An object is written whole or not at all, so a crash leaves no half file.
 */
public class S3AttachmentStore implements AttachmentStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3AttachmentStore(AttachmentProperties.S3 settings) {
        if (settings.bucket().isBlank()) {
            throw new IllegalArgumentException("switchboard.attachments.s3.bucket is needed for storage s3");
        }
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                // Checksums only where an operation needs them: the SDK's default trailing checksums (aws-chunked)
                // are AWS's own, and S3-compatible stores (MinIO's older releases, Ceph, S3Proxy, ...) refuse them.
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(settings.accessKey().isBlank() ? DefaultCredentialsProvider.builder().build()
                        : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
        if (!settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        this.s3 = builder.build();
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
    }

    @Override
    public void put(String sha256, byte[] bytes) throws IOException {
        try {
            s3.putObject(request -> request.bucket(bucket).key(prefix + sha256), RequestBody.fromBytes(bytes));
        } catch (SdkException failed) {
            throw new IOException("could not write " + sha256 + " to bucket " + bucket + ": " + failed.getMessage(), failed);
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        try {
            return s3.getObject(request -> request.bucket(bucket).key(prefix + sha256));
        } catch (NoSuchKeyException gone) {
            throw new java.io.FileNotFoundException(prefix + sha256 + " is not in bucket " + bucket);
        } catch (SdkException failed) {
            throw new IOException("could not read " + sha256 + " from bucket " + bucket + ": " + failed.getMessage(), failed);
        }
    }
}
