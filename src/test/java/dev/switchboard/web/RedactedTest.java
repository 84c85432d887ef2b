package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.access.AdminProperties;
import dev.switchboard.channels.AttachmentProperties;
import dev.switchboard.channels.NotificationProperties;

/** Settings that hold secrets never print them: a log line or an exception message shows whether they are set, nothing more. */
class RedactedTest {

    @Test
    void aSecretThatIsSetIsMaskedOneThatIsNotStaysEmptyAndTheRestPrintsAsUsual() {
        assertThat(new AdminProperties("root@example.com", "hunter2-long-password").toString())
                .isEqualTo("AdminProperties[email=root@example.com, password=******]");
        assertThat(new AdminProperties("root@example.com", "").toString()).isEqualTo("AdminProperties[email=root@example.com, password=]");
        var none = new NotificationProperties(8, Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofSeconds(5), 16,
                Duration.ofMillis(500), Duration.ofSeconds(10), "", Map.of(), Duration.ofSeconds(15), "", List.of());
        assertThat(none.toString()).contains("secretKey=,", "previousSecretKeys=[]", "slackWebhookUrl=,");
    }

    @Test
    void theSettingsRecordsWithSecretsKeepThemOutOfTheirToString() {
        var notifications = new NotificationProperties(8, Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofSeconds(5), 16,
                Duration.ofMillis(500), Duration.ofSeconds(10), "https://hooks.slack.com/services/T0/B0/sekrit-path", Map.of(),
                Duration.ofSeconds(15), "c2Vrcml0LWtleS1vZi0zMi1ieXRlcy1vci1tb3JlLi4u", List.of("b2xkLWtleQ==", "b2xkZXIta2V5"));
        assertThat(notifications.toString()).doesNotContain("sekrit", "c2Vrcml0", "b2xk")
                .contains("secretKey=******", "previousSecretKeys=[2 x ******]", "slackWebhookUrl=******", "maxAttempts=8");
        var s3 = new AttachmentProperties.S3("http://minio:9000", "tickets", "us-east-1", "AKIAEXAMPLE", "wJalrXUtnFEMI-secret", true, "");
        assertThat(s3.toString()).doesNotContain("wJalrXUtnFEMI").contains("secretKey=******", "bucket=tickets");
        var email = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(Map.of(
                        "switchboard.email.password", "imap-pass-1", "switchboard.email.smtp-password", "smtp-pass-2",
                        "switchboard.email.sendgrid-key", "sendgrid-3", "switchboard.email.mailgun-signing-key", "mailgun-4",
                        "switchboard.email.username", "support@example.com")))
                .bindOrCreate("switchboard.email", dev.switchboard.channels.EmailProperties.class);
        assertThat(email.toString()).doesNotContain("imap-pass-1", "smtp-pass-2", "sendgrid-3", "mailgun-4")
                .contains("username=support@example.com", "smtpPassword=******");
    }

    @Test
    void aSecretNamedThatTheRecordDoesNotHaveIsAMistake() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Redacted.toString(new AdminProperties("a@b.c", "x"), "passwd"))
                .hasMessageContaining("no passwd");
    }
}
