package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.web.Keys;

class SecretSealTest {

    private static final byte[] KEY = "a test key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8);
    private final SecretSeal seal = new SecretSeal(KEY);

    @Test
    void aSealedSecretOpensForItsRowOnlyAndDoesNotShowTheSecret() {
        String sealed = seal.seal("row-1", "whsec_s3cret");

        assertThat(sealed).startsWith("sealed:v1:" + seal.keyId() + ":").doesNotContain("s3cret");
        assertThat(seal.seal("row-1", "whsec_s3cret")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(seal.open("row-1", sealed)).isEqualTo("whsec_s3cret");
        assertThatThrownBy(() -> seal.open("row-2", sealed)).isInstanceOf(SecretSeal.Unreadable.class)
                .hasMessageContaining("another row");
    }

    @Test
    void anotherKeyOrAnAlteredValueIsUnreadableAndSaysWhy() {
        String sealed = seal.seal("row-1", "whsec_s3cret");
        SecretSeal other = new SecretSeal("another key of thirty-two bytes!".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> other.open("row-1", sealed)).isInstanceOf(SecretSeal.Unreadable.class)
                .hasMessageContaining(seal.keyId()).hasMessageContaining(other.keyId())
                .hasMessageContaining("switchboard.notifications.secret-key");
        int at = sealed.length() - 5; // a character whose six bits all count (the last may carry unused ones)
        String altered = sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);
        assertThatThrownBy(() -> seal.open("row-1", altered)).isInstanceOf(SecretSeal.Unreadable.class);
        assertThatThrownBy(() -> seal.open("row-1", "sealed:v1:" + seal.keyId() + ":AAAA")).isInstanceOf(SecretSeal.Unreadable.class);
    }

    @Test
    void aValueStoredBeforeSealingIsReadAsItIsAndWantsSealing() {
        assertThat(seal.open("row-1", "whsec_plain")).isEqualTo("whsec_plain");
        assertThat(seal.needsSealing("whsec_plain")).isTrue();
        assertThat(seal.needsSealing(seal.seal("row-1", "whsec_plain"))).isFalse();
    }

    /** Rotating: the previous key still opens what it sealed, which wants sealing again under the new key. */
    @Test
    void aPreviousKeyOpensWhatItSealedUntilItIsSealedAgain() {
        String underOld = seal.seal("row-1", "whsec_s3cret");
        byte[] next = "the next key, thirty-two bytes!!".getBytes(StandardCharsets.UTF_8);
        SecretSeal rotated = new SecretSeal(next, java.util.List.of(KEY));

        assertThat(rotated.keyId()).isNotEqualTo(seal.keyId());
        assertThat(rotated.open("row-1", underOld)).isEqualTo("whsec_s3cret");
        assertThat(rotated.needsSealing(underOld)).isTrue();
        String underNew = rotated.seal("row-1", "whsec_s3cret");
        assertThat(rotated.needsSealing(underNew)).isFalse();
        assertThatThrownBy(() -> seal.open("row-1", underNew)).isInstanceOf(SecretSeal.Unreadable.class);
        assertThatThrownBy(() -> new SecretSeal(next).open("row-1", underOld)).isInstanceOf(SecretSeal.Unreadable.class)
                .hasMessageContaining(seal.keyId());
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new SecretSeal(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void aKeptKeyIsMadeOnceReadableByItsOwnerOnlyAndAConfiguredOneWins(@TempDir Path folder) throws Exception {
        byte[] made = Keys.configuredOrKept("", folder, "webhook-secrets.key");

        assertThat(made).hasSize(32);
        assertThat(Keys.configuredOrKept(" ", folder, "webhook-secrets.key")).as("kept").isEqualTo(made);
        assertThat(Files.getPosixFilePermissions(folder.resolve("webhook-secrets.key")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Keys.configuredOrKept(Base64.getEncoder().encodeToString(KEY), folder, "webhook-secrets.key")).isEqualTo(KEY);
        try (var files = Files.list(folder)) {
            assertThat(files).as("no temporary file left").hasSize(1);
        }
    }
}
