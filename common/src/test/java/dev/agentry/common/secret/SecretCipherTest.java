package dev.agentry.common.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.error.ServiceException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The cipher alone: AES-GCM round trip, fresh IVs, tenant and purpose binding, tampering, rotation. */
class SecretCipherTest {

    static final String KEY_1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String KEY_2 = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
    static final UUID TENANT = UUID.randomUUID();

    @Test
    void sealsAndOpensWithAFreshIvEachTime() {
        SecretCipher cipher = cipher(KEY_1, "k1", Map.of());
        SecretCipher.Sealed a = cipher.seal(TENANT, "llm-api-key", "sk-secret");
        SecretCipher.Sealed b = cipher.seal(TENANT, "llm-api-key", "sk-secret");
        assertEquals("k1", a.keyId());
        assertFalse(Arrays.equals(a.ciphertext(), b.ciphertext()), "the same plaintext must not seal the same twice");
        assertEquals("sk-secret", cipher.openString(TENANT, "llm-api-key", a.ciphertext(), "k1"));
        assertEquals(12 + "sk-secret".length() + 16, a.ciphertext().length);
    }

    @Test
    void aCiphertextIsBoundToItsTenantAndPurposeAndCannotBeAltered() {
        SecretCipher cipher = cipher(KEY_1, "k1", Map.of());
        byte[] sealed = cipher.seal(TENANT, "llm-api-key", "sk-secret").ciphertext();
        assertThrows(IllegalStateException.class, () -> cipher.open(UUID.randomUUID(), "llm-api-key", sealed, "k1"));
        assertThrows(IllegalStateException.class, () -> cipher.open(TENANT, "mcp-env:x", sealed, "k1"));
        byte[] tampered = sealed.clone();
        tampered[20] ^= 1;
        assertThrows(IllegalStateException.class, () -> cipher.open(TENANT, "llm-api-key", tampered, "k1"));
    }

    @Test
    void aRetiredKeyStillOpensAndMarksTheValueForRotation() {
        byte[] old = cipher(KEY_1, "k1", Map.of()).seal(TENANT, "p", "value").ciphertext();
        SecretCipher rotated = cipher(KEY_2, "k2", Map.of("k1", KEY_1));
        assertArrayEquals("value".getBytes(), rotated.open(TENANT, "p", old, "k1"));
        assertTrue(rotated.needsRotation("k1"));
        assertFalse(rotated.needsRotation("k2"));
        assertEquals("k2", rotated.seal(TENANT, "p", "value").keyId());
        ServiceException unknown = assertThrows(ServiceException.class, () -> rotated.open(TENANT, "p", old, "k0"));
        assertEquals(503, unknown.status());
    }

    @Test
    void withoutAMasterKeyNothingIsSealed() {
        SecretCipher none = cipher(null, "k1", Map.of());
        ServiceException e = assertThrows(ServiceException.class, () -> none.seal(TENANT, "p", "x"));
        assertEquals(503, e.status());
        assertThrows(IllegalStateException.class, () -> cipher(Base64.getEncoder().encodeToString(new byte[16]), "k1", Map.of()));
    }

    static SecretCipher cipher(String masterKey, String keyId, Map<String, String> retired) {
        return new SecretCipher("agentry.test.secrets", keyId, Optional.ofNullable(masterKey), retired, "test secrets");
    }
}
