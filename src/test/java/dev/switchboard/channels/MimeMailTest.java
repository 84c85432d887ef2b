package dev.switchboard.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

/** Mail as it comes, broken mailers included: read, never refused for its charset or encoding. */
class MimeMailTest {

    private static InboundMessage read(String raw) throws Exception {
        return read(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static InboundMessage read(byte[] raw) throws Exception {
        return MimeMail.read(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)), "test");
    }

    private static final String HEAD = "From: Ana <ana@example.com>\r\nSubject: Help\r\nMessage-ID: <m1@example.com>\r\n";

    @Test
    void aTextInTheCharsetItNamesIsDecodedInIt() throws Exception {
        InboundMessage mail = read(HEAD + "Content-Type: text/plain; charset=ISO-8859-1\r\n\r\nCaf\u00e9 ferm\u00e9\r\n");

        assertThat(mail.text()).contains("Caf\u00e9 ferm\u00e9");
        assertThat(mail.sender()).isEqualTo("ana@example.com");
    }

    @Test
    void aCharsetThisJvmDoesNotKnowIsReadAsUtf8() throws Exception {
        byte[] raw = (HEAD + "Content-Type: text/plain; charset=x-no-such-charset\r\n\r\nna\u00efve \u2713\r\n")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(read(raw).text()).contains("na\u00efve \u2713");
    }

    @Test
    void aContentTypeWhoseParametersDoNotParseStillGivesItsText() throws Exception {
        InboundMessage mail = read(HEAD + "Content-Type: text/plain; charset\r\n\r\nThe printer is on fire\r\n");

        assertThat(mail.text()).contains("The printer is on fire");
    }

    @Test
    void brokenBase64IsTakenAsItCameInTheTextAndInAFile() throws Exception {
        InboundMessage mail = read(HEAD + "Content-Type: multipart/mixed; boundary=zz\r\n\r\n"
                + "--zz\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "VGhlIGV4cG9ydCBmYWlscw==!!*not base64*\r\n"
                + "--zz\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"invoice.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n%%%broken%%%\r\n"
                + "--zz--\r\n");

        assertThat(mail.text()).contains("VGhlIGV4cG9ydCBmYWlscw==!!*not base64*");
        assertThat(mail.files()).singleElement().satisfies(file -> {
            assertThat(file.filename()).isEqualTo("invoice.pdf");
            assertThat(new String(file.bytes(), StandardCharsets.US_ASCII)).contains("%%%broken%%%");
        });
    }

    @Test
    void aGoodMailIsReadAsBefore() throws Exception {
        InboundMessage mail = read(HEAD + "Content-Type: multipart/alternative; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "VGhlIGV4cG9ydCBmYWlscw==\r\n"
                + "--b\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>The export <b>fails</b></p>\r\n--b--\r\n");

        assertThat(mail.text()).isEqualTo("The export fails");
        assertThat(mail.files()).isEmpty();
    }
}
