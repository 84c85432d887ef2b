package dev.switchboard.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/** The support mailbox on a real IMAP server (GreenMail, in this JVM): mail becomes tickets, once. */
@DirtiesContext // its poller reads a mailbox that is gone with this class
class EmailChannelTest extends AppTest {

    static final GreenMail MAIL = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    static final GreenMailUser SUPPORT;

    static {
        MAIL.start();
        SUPPORT = MAIL.setUser("support@example.com", "support", "mailbox-password");
    }

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        registry.add("switchboard.email.imap-host", () -> "127.0.0.1");
        registry.add("switchboard.email.imap-port", () -> MAIL.getImap().getPort());
        registry.add("switchboard.email.imap-tls", () -> "false");
        registry.add("switchboard.email.username", () -> "support");
        registry.add("switchboard.email.password", () -> "mailbox-password");
        registry.add("switchboard.email.poll-interval", () -> "200ms");
        registry.add("switchboard.email.smtp-host", () -> "127.0.0.1");
        registry.add("switchboard.email.smtp-port", () -> MAIL.getSmtp().getPort());
        registry.add("switchboard.email.smtp-security", () -> "none");
        registry.add("switchboard.email.from", () -> "Example Support <support@example.com>");
        registry.add("switchboard.workspace.public-url", () -> "https://help.example.com");
        registry.add("switchboard.notifications.poll-interval", () -> "100ms");
        registry.add("switchboard.attachments.max-size", () -> "64KB");
    }

    /** The mail Switchboard sent to an address (GreenMail's SMTP server took it). */
    private static List<MimeMessage> sentTo(String address) throws Exception {
        List<MimeMessage> to = new java.util.ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            if (m.getRecipients(MimeMessage.RecipientType.TO) != null && java.util.Arrays.stream(m.getRecipients(MimeMessage.RecipientType.TO))
                    .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address))) {
                to.add(m);
            }
        }
        return to;
    }

    private JsonNode ticket(String id) {
        return api().get("/api/v1/tickets/" + id, admin()).json();
    }

    private static MimeMessage mail(String from, String subject, String text, String... headers) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress(from, "Ann Customer"));
        m.setRecipients(MimeMessage.RecipientType.TO, "support@example.com");
        m.setSubject(subject);
        m.setText(text);
        for (int i = 0; i < headers.length; i += 2) {
            m.setHeader(headers[i], headers[i + 1]);
        }
        m.saveChanges(); // gives it a Message-ID
        return m;
    }

    private List<StoredMessage> inbox() throws Exception {
        return MAIL.getManagers().getImapHostManager().getInbox(SUPPORT).getMessages();
    }

    private boolean allRead() throws Exception {
        return inbox().stream().allMatch(m -> m.isSet(Flags.Flag.SEEN));
    }

    private JsonNode found(String word) {
        return api().get("/api/v1/tickets?q=" + word, admin()).json().get("items");
    }

    @Test
    void aMailBecomesATicketOnceEvenWhenItIsReadAgain() throws Exception {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        SUPPORT.deliver(mail("ann@example.com", "Cannot export " + word, "The export button does nothing. " + word));

        await().atMost(Duration.ofSeconds(15)).until(() -> found(word).size() == 1);
        JsonNode ticket = found(word).get(0);
        assertThat(ticket.get("channel").asString()).isEqualTo("email");
        assertThat(ticket.get("customer").get("email").asString()).isEqualTo("ann@example.com");
        assertThat(ticket.get("subject").asString()).isEqualTo("Cannot export " + word);
        await().atMost(Duration.ofSeconds(10)).until(this::allRead);

        // A crash after the ticket was stored and before the mail was marked read: the mail is read again.
        inbox().forEach(m -> m.setFlag(Flags.Flag.SEEN, false));
        await().atMost(Duration.ofSeconds(10)).until(this::allRead);
        assertThat(found(word)).as("its Message-ID replays the same ticket").hasSize(1);
    }

    @Test
    void anAnswerNamingTheTicketJoinsItsConversationWithoutTheQuotedHistory() throws Exception {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        SUPPORT.deliver(mail("bob@example.com", "Invoice question " + word, "Where is my invoice? " + word));
        await().atMost(Duration.ofSeconds(15)).until(() -> found(word).size() == 1);
        String id = found(word).get(0).get("id").asString();

        SUPPORT.deliver(mail("bob@example.com", "Re: [#" + id + "] Invoice question " + word,
                "Found it, thanks!\n\nOn Mon, 1 Dec 2026, Support wrote:\n> Where is my invoice?"));
        await().atMost(Duration.ofSeconds(15)).until(() -> api().get("/api/v1/tickets/" + id, admin()).json()
                .get("messages").size() == 1);

        JsonNode message = api().get("/api/v1/tickets/" + id, admin()).json().get("messages").get(0);
        assertThat(message.get("body").asString()).isEqualTo("Found it, thanks!");
        assertThat(message.get("author").asString()).startsWith("customer:");
        assertThat(found(word)).as("no second ticket").hasSize(1);

        // The same reference from someone else is not theirs to answer: a ticket of its own.
        SUPPORT.deliver(mail("mallory@example.com", "Re: [#" + id + "] " + word, "let me in " + word));
        await().atMost(Duration.ofSeconds(15)).until(() -> found(word).size() == 2);
    }

    @Test
    void anAutomaticReplyMakesNoTicket() throws Exception {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        SUPPORT.deliver(mail("carol@example.com", "Out of office " + word, "I am away until Monday. " + word,
                "Auto-Submitted", "auto-replied"));
        SUPPORT.deliver(mail("mailer-daemon@example.com", "Undeliverable " + word, "Delivery failed. " + word));

        await().atMost(Duration.ofSeconds(15)).until(this::allRead);
        assertThat(found(word)).isEmpty();
    }

    @Test
    void theCustomerIsAcknowledgedAndTheAgentsReplyThreadsBothWays() throws Exception {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        String customer = "dora-" + word + "@example.com";
        MimeMessage opening = mail(customer, "Refund for order " + word, "Please refund order 1234. " + word);
        SUPPORT.deliver(opening);
        await().atMost(Duration.ofSeconds(15)).until(() -> found(word).size() == 1);
        String id = found(word).get(0).get("id").asString();

        // The acknowledgement: threads under her mail, marked automatic, with her tracking link.
        await().atMost(Duration.ofSeconds(15)).until(() -> sentTo(customer).size() == 1);
        MimeMessage ack = sentTo(customer).getFirst();
        assertThat(ack.getSubject()).isEqualTo("[#" + id + "] We have your request: Refund for order " + word);
        assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(ack.getHeader("In-Reply-To", null)).isEqualTo(opening.getMessageID());
        assertThat(String.valueOf(ack.getContent())).contains("Hello Ann Customer", id, "https://help.example.com/portal/t/" + id + ".");

        // The agent's reply: its own Message-ID, answering her mail, naming the whole thread.
        assertThat(api().post("/api/v1/tickets/" + id + "/messages", "{\"body\":\"Your refund is on its way.\"}", admin())
                .status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> sentTo(customer).size() == 2);
        MimeMessage reply = sentTo(customer).get(sentTo(customer).get(0).getMessageID().equals(ack.getMessageID()) ? 1 : 0);
        assertThat(reply.getSubject()).isEqualTo("Re: Refund for order " + word + " [#" + id + "]");
        assertThat(reply.getHeader("Auto-Submitted", null)).isNull();
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(opening.getMessageID());
        assertThat(reply.getHeader("References", null)).contains(opening.getMessageID(), ack.getMessageID());
        assertThat(reply.getMessageID()).endsWith("." + id + "@example.com>");
        assertThat(String.valueOf(reply.getContent())).startsWith("Your refund is on its way.");
        assertThat(((InternetAddress) reply.getFrom()[0]).getAddress()).isEqualTo("support@example.com");

        // Her answer to it, with a new subject and no reference in it: its In-Reply-To finds the ticket.
        MimeMessage answer = mail(customer, "thanks", "Received, thank you!\n\nOn Tue, Support wrote:\n> Your refund is on its way.",
                "In-Reply-To", reply.getMessageID(), "References", opening.getMessageID() + " " + reply.getMessageID());
        SUPPORT.deliver(answer);
        await().atMost(Duration.ofSeconds(15)).until(() -> ticket(id).get("messages").size() == 2);
        JsonNode last = ticket(id).get("messages").get(1);
        assertThat(last.get("body").asString()).isEqualTo("Received, thank you!");
        assertThat(last.get("author").asString()).startsWith("customer:");
        assertThat(found(word)).as("no second ticket").hasSize(1);

        // Read again after a crash before it was marked read: the same answer is not added twice.
        await().atMost(Duration.ofSeconds(10)).until(this::allRead);
        inbox().forEach(m -> m.setFlag(Flags.Flag.SEEN, false));
        await().atMost(Duration.ofSeconds(10)).until(this::allRead);
        assertThat(ticket(id).get("messages")).hasSize(2);
    }

    @Test
    void anOutOfOfficeAnswerToTheAcknowledgementCausesNoNewMail() throws Exception {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        String customer = "erin-" + word + "@example.com";
        SUPPORT.deliver(mail(customer, "Login fails " + word, "I cannot log in. " + word));
        await().atMost(Duration.ofSeconds(15)).until(() -> sentTo(customer).size() == 1);
        String id = found(word).get(0).get("id").asString();
        MimeMessage ack = sentTo(customer).getFirst();

        SUPPORT.deliver(mail(customer, "Automatic reply: " + ack.getSubject(), "I am out of the office until Monday.",
                "Auto-Submitted", "auto-replied", "In-Reply-To", ack.getMessageID()));
        await().atMost(Duration.ofSeconds(10)).until(this::allRead);
        // Anything it caused would be in the outbox by now: the ticket's page settles first.
        await().atMost(Duration.ofSeconds(5)).until(() -> api().get("/api/v1/webhooks/deliveries?status=pending", admin()).json().size() == 0);

        assertThat(sentTo(customer)).as("no mail answers the robot").hasSize(1);
        assertThat(ticket(id).get("messages")).as("and nothing joins the ticket").isEmpty();
        assertThat(found(word)).hasSize(1);
    }

    @Test
    void attachmentsAreKeptWithinTheLimitsAndTheRestAreNamedOnTheTicket() throws Exception {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        byte[] pdf = ("%PDF-1.4 invoice " + word).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("fay@example.com", "Fay"));
        m.setRecipients(MimeMessage.RecipientType.TO, "support@example.com");
        m.setSubject("Wrong invoice " + word);
        jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart();
        jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
        text.setText("The attached invoice is wrong. " + word);
        parts.addBodyPart(text);
        parts.addBodyPart(file("invoice.pdf", "application/pdf", pdf));
        parts.addBodyPart(file("setup.exe", "application/x-msdownload", new byte[] {'M', 'Z', 0, 0}));
        parts.addBodyPart(file("scan.png", "image/png", new byte[100 * 1024]));
        m.setContent(parts);
        m.saveChanges();
        SUPPORT.deliver(m);

        await().atMost(Duration.ofSeconds(15)).until(() -> found(word).size() == 1);
        String id = found(word).get(0).get("id").asString();
        JsonNode files = api().get("/api/v1/tickets/" + id + "/attachments", admin()).json();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).get("filename").asString()).isEqualTo("invoice.pdf");
        assertThat(files.get(0).get("size").asLong()).isEqualTo(pdf.length);
        var download = api().getBytes(files.get(0).get("href").asString(), admin());
        assertThat(download.body()).isEqualTo(pdf);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;").contains("invoice.pdf");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        JsonNode leftOut = ticket(id).get("metadata").get("attachments_left_out");
        assertThat(leftOut.toString()).contains("setup.exe: files of type application/x-msdownload are not accepted",
                "scan.png: larger than 64 KB");
        // Another ticket's file is not reachable through this one.
        Api.Response other = api().get("/api/v1/tickets/" + id + "/attachments/01ARZ3NDEKTSV4RRFFQ69G5FAV", admin());
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().get("detail").asString()).isEqualTo("no attachment 01ARZ3NDEKTSV4RRFFQ69G5FAV on ticket " + id);
    }

    private static jakarta.mail.internet.MimeBodyPart file(String name, String type, byte[] bytes) throws Exception {
        jakarta.mail.internet.MimeBodyPart part = new jakarta.mail.internet.MimeBodyPart();
        part.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(bytes, type)));
        part.setFileName(name);
        part.setDisposition(jakarta.mail.Part.ATTACHMENT);
        return part;
    }
}
