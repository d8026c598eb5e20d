package dev.agentry.config.apikey;

import dev.agentry.config.ConfigServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes API key secrets and their stored hashes. A key is {@code agk_} plus 256 random bits; its
 * hash is HMAC-SHA-256 under a server-side pepper. A key this random needs no slow hash: nobody can
 * guess it, and the pepper keeps a stolen table from being checked offline.
 */
@ApplicationScoped
public class ApiKeySecrets {

    public static final String KEY_PREFIX = "agk_";
    /** Characters of the key shown in listings to recognise it: {@code agk_} and 8 more. */
    public static final int SHOWN_PREFIX_LENGTH = 12;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec pepper;
    private final String pepperId;

    public ApiKeySecrets(ConfigServiceConfig config) {
        String secret = config.apiKeys().pepper();
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("agentry.config.api-keys.pepper must be set to at least 16 characters");
        }
        this.pepper = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.pepperId = config.apiKeys().pepperId();
    }

    public String newKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public byte[] hash(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String shownPrefix(String key) {
        return key.substring(0, Math.min(SHOWN_PREFIX_LENGTH, key.length()));
    }

    public String pepperId() {
        return pepperId;
    }

    /** Cheap shape check, so that garbage never reaches the database. */
    public static boolean looksLikeKey(String candidate) {
        return candidate != null && candidate.startsWith(KEY_PREFIX) && candidate.length() == KEY_PREFIX.length() + 43
                && candidate.substring(KEY_PREFIX.length()).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }
}
