package dev.switchboard.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.switchboard.web.Hmac;

/**
 * Secrets the application must read back (webhook signing secrets: signing needs them, so they cannot
 * be hashed like passwords and tokens) are stored sealed: AES-256-GCM under a key kept outside the
 * database ({@code switchboard.notifications.secret-key}, or a file in the data folder), so that a copy
 * of the database alone (a backup, a dump) does not give them away.
 *
 * <p>A sealed value reads {@code sealed:v1:<key id>:<base64url of nonce and ciphertext>}. The key id
 * (the first four bytes of the derived key's SHA-256, not secret) says which key opens it, and tells a
 * node that holds another key why it cannot. The row's id is bound in as associated data, so a sealed
 * value copied to another row does not open there. A value without the prefix is one stored before
 * sealing began: it is read as it is.
 *
 * <p>Keys are rotated through the previous keys: a value sealed under one of them still opens, and, like
 * a value stored before sealing, {@link #needsSealing} says to seal it again under the current key
 * ({@link JdbcWebhooks} does when it reads it).
 */
public final class SecretSeal {

    static final String PREFIX = "sealed:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Keys shorter than this are refused: a configured key must carry 256 bits. */
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final String keyId;
    /** The keys that open values, by id: the current one and the previous ones. */
    private final Map<String, SecretKeySpec> opening = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** A secret the node cannot open: sealed under another key, or altered. */
    public static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    /** @param key the configured or kept key (32 bytes or more); the AES key is derived from it for this use only */
    public SecretSeal(byte[] key) {
        this(key, List.of());
    }

    /**
     * @param key      the key that seals (32 bytes or more)
     * @param previous keys that sealed values before it: they still open them, until those are sealed again
     */
    public SecretSeal(byte[] key, List<byte[]> previous) {
        this.key = derived(key);
        this.keyId = idOf(this.key);
        opening.put(keyId, this.key);
        previous.forEach(old -> {
            SecretKeySpec spec = derived(old);
            opening.putIfAbsent(idOf(spec), spec);
        });
    }

    private static SecretKeySpec derived(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a key for sealing stored secrets must be at least " + MIN_KEY_BYTES
                    + " bytes (base64 of 32 random bytes: openssl rand -base64 32), not " + key.length);
        }
        return new SecretKeySpec(Hmac.sha256(key, "switchboard stored secrets v1"), "AES");
    }

    private static String idOf(SecretKeySpec key) {
        return HexFormat.of().formatHex(sha256(key.getEncoded()), 0, 4);
    }

    /** The key's id, as sealed values carry it. */
    public String keyId() {
        return keyId;
    }

    /** Whether a stored value is sealed (rather than one stored before sealing began). */
    static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    /** Whether a stored value should be sealed again under the current key: stored before sealing, or under a previous key. */
    boolean needsSealing(String stored) {
        return !stored.startsWith(PREFIX + keyId + ":");
    }

    /** Seals {@code secret} for the row {@code rowId}. */
    public String seal(String rowId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has AES/GCM", e);
        }
    }

    /**
     * The secret of the row {@code rowId} as stored: opened if sealed, as it is if stored before sealing.
     *
     * @throws Unreadable sealed under another key, or altered
     */
    public String open(String rowId, String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw new Unreadable("a sealed secret without its key id");
        }
        String sealedWith = rest.substring(0, colon);
        SecretKeySpec with = opening.get(sealedWith);
        if (with == null) {
            throw new Unreadable("sealed under key " + sealedWith + ", and this node holds key " + keyId
                    + (opening.size() > 1 ? " and previous keys " + String.join(", ", opening.keySet().stream().skip(1).toList()) : "")
                    + ": every node needs the same switchboard.notifications.secret-key");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(rest.substring(colon + 1));
            if (in.length < NONCE_BYTES) {
                throw new Unreadable("a sealed secret too short to hold its nonce");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, with, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException altered) {
            throw new Unreadable("the sealed secret was altered, or belongs to another row");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has AES/GCM", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
