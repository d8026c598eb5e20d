package dev.agentry.common.secret;

import dev.agentry.common.error.ServiceException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Secrets at rest: AES-256-GCM under the service's master key ({@code <prefix>.master-key}),
 * a fresh random 12-byte IV per value, stored as {@code IV || ciphertext || tag} beside the id of the
 * key that made it. The associated data binds the tenant and the purpose (say, {@code llm-api-key}),
 * so a ciphertext copied to another tenant's row, or to another column, fails to decrypt instead of
 * leaking. Plaintexts are never logged; failures name the key id, never the value.
 *
 * <p>Not a bean by itself: each service that keeps secrets produces one from its own configuration
 * ({@code agentry.config.secrets.*} in config-service, {@code agentry.conversation.secrets.*} in
 * conversation-service), so a service holds a master key only if it needs one.
 */
public class SecretCipher {

    private static final Logger LOG = Logger.getLogger(SecretCipher.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String prefix;
    private final String currentKeyId;
    private final SecretKey currentKey;
    private final Map<String, SecretKey> keys = new HashMap<>();

    /** What a value encrypts to: the bytes to store and the key id to store beside them. */
    public record Sealed(byte[] ciphertext, String keyId) {
    }

    /**
     * @param prefix     the configuration prefix the keys come from, for the messages
     *                   ({@code agentry.config.secrets})
     * @param keyId      the id of the current master key
     * @param masterKey  the current master key, base64 of 32 bytes; absent: nothing can be sealed
     * @param retiredKeys former master keys by id: they still open, never seal
     * @param holds      what the service keeps with it, for the start-up warning ("LLM keys and MCP secrets")
     */
    public SecretCipher(String prefix, String keyId, Optional<String> masterKey, Map<String, String> retiredKeys, String holds) {
        this.prefix = prefix;
        this.currentKeyId = keyId;
        this.currentKey = masterKey.filter(k -> !k.isBlank()).map(k -> key(k, prefix + ".master-key")).orElse(null);
        if (currentKey == null) {
            // Not fatal at start: a deployment without secrets still serves everything else, and
            // every secret write or read says plainly what is missing.
            LOG.warn(prefix + ".master-key is not set: " + holds + " cannot be stored");
        } else {
            keys.put(currentKeyId, currentKey);
        }
        retiredKeys.forEach((id, k) -> keys.putIfAbsent(id, key(k, prefix + ".retired-keys." + id)));
    }

    public Sealed seal(UUID tenantId, String purpose, String plaintext) {
        return seal(tenantId, purpose, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public Sealed seal(UUID tenantId, String purpose, byte[] plaintext) {
        SecretKey key = requireCurrent();
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(tenantId, purpose));
            byte[] sealed = cipher.doFinal(plaintext);
            return new Sealed(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array(), currentKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] open(UUID tenantId, String purpose, byte[] stored, String keyId) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw unavailable("no master key with id " + keyId + " is configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(aad(tenantId, purpose));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a secret sealed with key " + keyId + " did not authenticate", e);
        }
    }

    public String openString(UUID tenantId, String purpose, byte[] stored, String keyId) {
        return new String(open(tenantId, purpose, stored, keyId), StandardCharsets.UTF_8);
    }

    /** Whether a value sealed under {@code keyId} should be sealed again under the current key. */
    public boolean needsRotation(String keyId) {
        return !currentKeyId.equals(keyId);
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    private SecretKey requireCurrent() {
        if (currentKey == null) {
            throw unavailable(prefix + ".master-key is not set");
        }
        return currentKey;
    }

    private static ServiceException unavailable(String why) {
        return new ServiceException(503, "secrets-unavailable", "Service Unavailable",
                "Secrets cannot be stored or read: " + why, List.of());
    }

    private static byte[] aad(UUID tenantId, String purpose) {
        return ("agentry:" + tenantId + ":" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    private static SecretKey key(String base64, String property) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " must be base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (AES-256), got " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }
}
