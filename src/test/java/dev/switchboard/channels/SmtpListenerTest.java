package dev.switchboard.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.switchboard.support.AppTest;
import tools.jackson.databind.JsonNode;

/** Mail delivered over SMTP by a real client: a ticket, or a refusal the sender's server hears. */
class SmtpListenerTest extends AppTest {

    private static final String KEYSTORE_PASSWORD = "keystore-" + UUID.randomUUID();

    @DynamicPropertySource
    static void listener(DynamicPropertyRegistry registry) throws Exception {
        registry.add("switchboard.email.listener.enabled", () -> "true");
        registry.add("switchboard.email.listener.port", () -> "0");
        registry.add("switchboard.email.listener.bind-address", () -> "127.0.0.1");
        registry.add("switchboard.email.listener.recipients", () -> "help@example.test, @support.example.test");
        registry.add("switchboard.email.listener.max-message-size", () -> "64KB");
        registry.add("switchboard.email.listener.mails-per-minute", () -> "30");
        Path keystore = Files.createTempDirectory("smtp-tls").resolve("listener.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        registry.add("switchboard.email.listener.tls-keystore", keystore::toString);
        registry.add("switchboard.email.listener.tls-keystore-password", () -> KEYSTORE_PASSWORD);
    }

    @Autowired
    private SmtpListener listener;

    private JsonNode found(String word) {
        return api().get("/api/v1/tickets?q=" + word, admin()).json().get("items");
    }

    private MimeMessage mail(Session session, String from, String to, String subject, String text, String messageId) throws Exception {
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mail.setFrom(new InternetAddress(from));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        mail.setSubject(subject);
        mail.setText(text, "UTF-8");
        return mail;
    }

    private Session client(boolean startTls) {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", "127.0.0.1");
        settings.put("mail.smtp.port", Integer.toString(listener.port()));
        if (startTls) {
            settings.put("mail.smtp.starttls.enable", "true");
            settings.put("mail.smtp.starttls.required", "true");
            settings.put("mail.smtp.ssl.trust", "*"); // the listener's certificate is made for this test
        }
        return Session.getInstance(settings);
    }

    @Test
    void aMailDeliveredOverStartTlsBecomesOneTicketHoweverOftenItIsDelivered() throws Exception {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        Session session = client(true);
        MimeMessage mail = mail(session, "Kim <kim-" + word + "@example.com>", "help@example.test", "Card declined " + word,
                "My card was declined twice today. " + word, "<" + word + "@mail.example.com>");

        Transport.send(mail);
        Transport.send(mail); // the sender's server did not hear the 250 and delivers again

        await().atMost(Duration.ofSeconds(10)).until(() -> found(word).size() == 1);
        JsonNode ticket = found(word).get(0);
        assertThat(ticket.get("channel").asString()).isEqualTo("email");
        assertThat(ticket.get("customer").get("email").asString()).isEqualTo("kim-" + word + "@example.com");
        assertThat(api().get("/api/v1/tickets/" + ticket.get("id").asString(), admin()).json().get("metadata")
                .get("email_source").asString()).isEqualTo("smtp");
    }

    @Test
    void mailForAnAddressItDoesNotServeIsRefusedAndNothingIsStored() throws Exception {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        MimeMessage mail = mail(client(false), "lee-" + word + "@example.com", "someone@elsewhere.test", "Relay me " + word,
                "Please pass this on. " + word, "<" + word + "@mail.example.com>");

        assertThatThrownBy(() -> Transport.send(mail)).isInstanceOf(SendFailedException.class)
                .hasStackTraceContaining("550 5.1.1 <someone@elsewhere.test>: no such mailbox here");
        // a whole domain it serves is taken
        Transport.send(mail(client(false), "lee-" + word + "@example.com", "billing@support.example.test", "Domain " + word,
                "For the domain. " + word, "<domain-" + word + "@mail.example.com>"));
        await().atMost(Duration.ofSeconds(10)).until(() -> found(word).size() == 1);
        assertThat(found(word).get(0).get("subject").asString()).isEqualTo("Domain " + word);
    }

    @Test
    void theSendersServerHearsEachOutcome() {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        try (RawSmtp smtp = new RawSmtp(listener.port(), "127.0.0.2")) {
            assertThat(smtp.ehlo()).anyMatch(line -> line.contains("STARTTLS")).anyMatch(line -> line.contains("SIZE 65536"));

            // A bounce (empty return path) is taken but set aside: no ticket, no answer to a robot.
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<help@example.test>")).startsWith("250");
            assertThat(smtp.data("From: MAILER-DAEMON@example.com\r\nSubject: Undelivered " + word
                    + "\r\nMessage-ID: <bounce-" + word + "@example.com>\r\n\r\nYour mail could not be delivered. " + word))
                    .startsWith("250");

            // A mail without a sender cannot become a ticket: its author hears so.
            assertThat(smtp.command("MAIL FROM:<x@example.com>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<help@example.test>")).startsWith("250");
            assertThat(smtp.data("Subject: no sender " + word + "\r\n\r\nwho am I")).startsWith("554");
            // SubEtha SMTP keeps a transaction refused at its data open until RSET, which mail servers send.
            assertThat(smtp.command("RSET")).startsWith("250");

            // Over max-message-size (64KB): refused as too large.
            assertThat(smtp.command("MAIL FROM:<big@example.com>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<help@example.test>")).startsWith("250");
            assertThat(smtp.data("From: big@example.com\r\nSubject: big\r\n\r\n" + "x".repeat(100_000)
                    + "\r\nMAIL FROM:<smuggled@example.com>")).startsWith("552");
            // the refused mail was read to its end, none of it taken as a command
            assertThat(smtp.command("NOOP")).startsWith("250");
        }
        assertThat(found(word)).isEmpty();
    }

    @Test
    void oneClientAddressGetsMailsPerMinuteThenIsToldToComeBackLater() {
        try (RawSmtp smtp = new RawSmtp(listener.port(), "127.0.0.3")) {
            smtp.ehlo();
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 31; i++) {
                String answer = smtp.command("MAIL FROM:<many@example.com>");
                answers.add(answer);
                if (answer.startsWith("250")) {
                    smtp.command("RSET");
                }
            }
            assertThat(answers.subList(0, 30)).allMatch(answer -> answer.startsWith("250"));
            assertThat(answers.get(30)).startsWith("421");
        }
    }

    /** SMTP spoken line by line, from a chosen local address (the listener limits mail per client address). */
    private static final class RawSmtp implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        RawSmtp(int port, String from) {
            try {
                socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0);
                socket.setSoTimeout(10_000);
                in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                out = socket.getOutputStream();
                assertThat(reply()).startsWith("220");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> ehlo() {
            send("EHLO client.example.com");
            List<String> lines = new ArrayList<>();
            String line;
            do {
                line = line();
                lines.add(line);
            } while (line.length() > 3 && line.charAt(3) == '-');
            return lines;
        }

        String command(String command) {
            send(command);
            return reply();
        }

        String data(String message) {
            assertThat(command("DATA")).startsWith("354");
            send(message.replace("\r\n.", "\r\n..") + "\r\n.");
            return reply();
        }

        private void send(String line) {
            try {
                out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** One reply, its last line (multi-line replies read through). */
        private String reply() {
            String line;
            do {
                line = line();
            } while (line.length() > 3 && line.charAt(3) == '-');
            return line;
        }

        private String line() {
            try {
                String line = in.readLine();
                if (line == null) {
                    throw new IllegalStateException("the listener closed the connection");
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                send("QUIT");
                socket.close();
            } catch (IOException | UncheckedIOException ignored) {
                // closing anyway
            }
        }
    }
}
