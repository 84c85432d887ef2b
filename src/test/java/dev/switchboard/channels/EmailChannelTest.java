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
}
