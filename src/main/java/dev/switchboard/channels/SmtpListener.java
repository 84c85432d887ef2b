package dev.switchboard.channels;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

import dev.switchboard.web.RateLimiter;
import dev.switchboard.web.TooManyRequestsException;

/**
 * Takes mail delivered over SMTP, as a domain's MX or from the organisation's own mail server, and hands
 * each mail to {@link MailIntake} like mail from the mailbox or a provider's webhook.
 *
 * <p>The sender's server hears the outcome before it lets go of the mail: {@code 250} once the mail is a
 * ticket or a message (stored), {@code 451} when it could not be stored now (the sender tries again;
 * the mail's {@code Message-ID} keeps a second delivery from making a second ticket), {@code 554} when it
 * cannot be read or made into a ticket (the sender's server tells its author). Recipients outside
 * {@code recipients} are refused with {@code 550}: the listener never takes mail it has no use for, and
 * it never relays.
 */
public class SmtpListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpListener.class);
    private static final Session SESSION = Session.getInstance(new Properties());

    private final SmtpListenerProperties properties;
    private final MailIntake intake;
    private final RateLimiter limiter = new RateLimiter(100_000, Duration.ofMinutes(1));
    private volatile SMTPServer server;

    public SmtpListener(SmtpListenerProperties properties, MailIntake intake) {
        this.properties = properties;
        this.intake = intake;
    }

    @Override
    public void start() {
        SMTPServer.Builder builder = SMTPServer.port(properties.port())
                .bindAddress(address(properties.bindAddress()))
                .softwareName("Switchboard")
                .serverThreadName("smtp-listener")
                .maxConnections(properties.maxConnections())
                .connectionTimeout((int) properties.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .maxMessageSize((int) properties.maxMessageSize().toBytes())
                .maxRecipients(100)
                .messageHandlerFactory(Delivery::new);
        if (!properties.hostName().isBlank()) {
            builder.hostName(properties.hostName());
        }
        if (!properties.tlsKeystore().isBlank()) {
            builder.enableTLS().startTlsSocketFactory(tls()).requireTLS(properties.requireTls());
        }
        SMTPServer started = builder.build();
        started.start();
        server = started;
        log.info("SMTP listener on {}:{} takes mail for {}{}", properties.bindAddress(), started.getPortAllocated(),
                properties.recipients(), properties.tlsKeystore().isBlank() ? " (no STARTTLS)" : " (STARTTLS)");
    }

    @Override
    public void stop() {
        SMTPServer running = server;
        if (running != null) {
            running.stop();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port it listens on (the one chosen, when {@code port} is 0); -1 while stopped. */
    public int port() {
        SMTPServer running = server;
        return running == null ? -1 : running.getPortAllocated();
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (java.net.UnknownHostException unknown) {
            throw new IllegalStateException("switchboard.email.listener.bind-address " + host + " is not an address here", unknown);
        }
    }

    private SSLContext tls() {
        char[] password = properties.tlsKeystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(properties.tlsKeystore()))) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password);
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException unusable) {
            throw new IllegalStateException("switchboard.email.listener.tls-keystore " + properties.tlsKeystore()
                    + " cannot be used: " + unusable.getMessage(), unusable);
        }
    }

    /** One mail transaction on a connection: its envelope, then its data. */
    private final class Delivery implements MessageHandler {

        private final MessageContext context;
        private String returnPath = "";

        Delivery(MessageContext context) {
            this.context = context;
        }

        @Override
        public void from(String from) throws RejectException {
            String client = context.getRemoteAddress() instanceof InetSocketAddress socket
                    ? socket.getAddress().getHostAddress() : String.valueOf(context.getRemoteAddress());
            try {
                limiter.consume("smtp:" + client, new RateLimiter.Limit(properties.mailsPerMinute(), Duration.ofMinutes(1)), 1);
            } catch (TooManyRequestsException limited) {
                throw new RejectException(421, "4.7.0 too many mails from " + client + "; try again later");
            }
            returnPath = from == null ? "" : from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (!properties.takesMailFor(recipient)) {
                throw new RejectException(550, "5.1.1 <" + recipient + ">: no such mailbox here");
            }
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            byte[] bytes = wholeOrRefused(data);
            // The envelope's sender as the final delivery records it: an empty one marks a bounce, which is
            // set aside as automatic mail rather than answered.
            InputStream withReturnPath = new SequenceInputStream(new ByteArrayInputStream(
                    ("Return-Path: <" + returnPath + ">\r\n").getBytes(StandardCharsets.US_ASCII)), new ByteArrayInputStream(bytes));
            InboundMessage mail;
            try {
                mail = MimeMail.read(new MimeMessage(SESSION, withReturnPath), "smtp");
            } catch (MessagingException | IllegalArgumentException unreadable) {
                throw new RejectException(554, "5.6.0 the mail cannot be read: " + unreadable.getMessage());
            }
            MailIntake.Outcome outcome;
            try {
                outcome = intake.take(mail);
            } catch (RuntimeException notStored) {
                log.warn("could not take up a mail from {} delivered over SMTP; its sender will try again: {}", mail.sender(),
                        notStored.toString());
                throw new RejectException(451, "4.3.0 the mail could not be stored now; try again later");
            }
            if (outcome == MailIntake.Outcome.REJECTED) {
                throw new RejectException(554, "5.6.0 the mail could not become a ticket");
            }
            return null;
        }

        /**
         * The mail's bytes, read to its end whatever happens: SubEtha SMTP reads what a handler left of a
         * refused mail as commands. Its {@code maxMessageSize} only checks the size a client declares.
         */
        private byte[] wholeOrRefused(InputStream data) throws RejectException, IOException {
            long most = properties.maxMessageSize().toBytes();
            byte[] bytes = data.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, most + 1));
            if (bytes.length > most) {
                data.transferTo(OutputStream.nullOutputStream());
                throw new RejectException(552, "5.3.4 the mail is larger than " + most + " bytes");
            }
            return bytes;
        }

        @Override
        public void done() {
            // nothing held between transactions
        }
    }
}
