package dev.switchboard.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.support.ToolJars;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The attachment store on a real S3-compatible server: S3Proxy over a folder, as a process of its own. */
class S3AttachmentStoreTest {

    @TempDir
    static Path folder;
    static Process s3proxy;
    static String endpoint;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        endpoint = "http://127.0.0.1:" + port;
        Path blobs = Files.createDirectories(folder.resolve("blobs"));
        Path conf = folder.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=switchboard",
                "s3proxy.credential=switchboard-secret",
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + blobs), StandardCharsets.UTF_8);
        s3proxy = new ProcessBuilder(List.of(ToolJars.java(), "-cp", ToolJars.classpath("s3proxy"), "org.gaul.s3proxy.Main",
                "--properties", conf.toString()))
                .redirectErrorStream(true).redirectOutput(folder.resolve("s3proxy.log").toFile()).start();
        int listening = port;
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", listening), 500);
                return true;
            }
        });
        try (S3Client admin = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.US_EAST_1)
                .forcePathStyle(true).endpointOverride(java.net.URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("switchboard", "switchboard-secret")))
                .build()) {
            admin.createBucket(b -> b.bucket("tickets"));
        }
    }

    @AfterAll
    static void stopS3Proxy() {
        if (s3proxy != null) {
            s3proxy.destroyForcibly();
        }
    }

    private static S3AttachmentStore store(String secret) {
        return new S3AttachmentStore(new AttachmentProperties.S3(endpoint, "tickets", "us-east-1", "switchboard", secret, true,
                "attachments/"));
    }

    @Test
    void aFileIsKeptByItsHashAndReadBack() throws Exception {
        byte[] bytes = "%PDF-1.4 an invoice".getBytes(StandardCharsets.UTF_8);
        String sha = Attachments.sha256(bytes);
        S3AttachmentStore store = store("switchboard-secret");
        store.put(sha, bytes);
        store.put(sha, bytes); // the same file again changes nothing
        try (InputStream in = store.open(sha)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(Files.exists(folder.resolve("blobs").resolve("tickets").resolve("attachments").resolve(sha)))
                .as("under the prefix, in the bucket's folder").isTrue();
    }

    @Test
    void aMissingFileAndWrongCredentialsAreClearFailures() {
        S3AttachmentStore store = store("switchboard-secret");
        String missing = "0".repeat(64);
        assertThatThrownBy(() -> store.open(missing)).isInstanceOf(FileNotFoundException.class).hasMessageContaining(missing);
        assertThatThrownBy(() -> store("wrong").put("1".repeat(64), new byte[] {1}))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("could not write");
    }
}
