package dev.switchboard.channels;

import java.io.IOException;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;

/**
 * Reads the support mailbox over IMAP: each unread mail is taken up by {@link MailIntake} (a ticket, an
 * answer to one, or set aside), and marked read only after that is durable. A mail read again (a crash
 * between the two, a second node polling the same box) changes nothing: its {@code Message-ID} is known.
 */
public class MailPoller {

    private static final Logger log = LoggerFactory.getLogger(MailPoller.class);

    private final EmailProperties properties;
    private final MailIntake mailIntake;

    public MailPoller(EmailProperties properties, MailIntake mailIntake) {
        this.properties = properties;
        this.mailIntake = mailIntake;
    }

    /** One pass over the unread mail; how many mails were taken up. */
    public int poll() {
        String protocol = properties.imapTls() ? "imaps" : "imap";
        Properties settings = new Properties();
        settings.put("mail." + protocol + ".connectiontimeout", "10000");
        settings.put("mail." + protocol + ".timeout", "30000");
        Session session = Session.getInstance(settings);
        int taken = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(properties.imapHost(), properties.imapPort(), properties.username(), properties.password());
            Folder folder = store.getFolder(properties.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (int i = 0; i < unread.length && taken < properties.mostPerPoll(); i++) {
                    if (takeUp((MimeMessage) unread[i])) {
                        unread[i].setFlag(Flags.Flag.SEEN, true);
                        taken++;
                    }
                }
            } finally {
                folder.close(false);
            }
        } catch (MessagingException unreachable) {
            log.warn("could not read the mailbox {}@{}: {}", properties.username(), properties.imapHost(), unreachable.toString());
        }
        return taken;
    }

    /** True when the mail is dealt with (a ticket, a reply, set aside, refused); false to read it again next time. */
    private boolean takeUp(MimeMessage mail) {
        InboundMessage message;
        try {
            message = MimeMail.read(mail, "imap");
        } catch (jakarta.mail.internet.ParseException | IllegalArgumentException malformed) {
            log.warn("set aside a mail that cannot be read: {}", malformed.toString());
            return true; // reading it again will not make it readable
        } catch (MessagingException | IOException failed) {
            log.warn("could not read a mail; it is read again at the next poll: {}", failed.toString());
            return false;
        }
        try {
            mailIntake.take(message);
            return true;
        } catch (RuntimeException failed) {
            log.warn("could not take up a mail from {}; it is read again at the next poll: {}", message.sender(), failed.toString());
            return false;
        }
    }
}
