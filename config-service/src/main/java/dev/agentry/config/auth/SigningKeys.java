package dev.agentry.config.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The RSA key config-service signs tokens with ({@code smallrye.jwt.sign.key.location}, a PKCS#8
 * PEM generated locally, never committed) and its public half, published as a JWKS so that every
 * other service verifies tokens without sharing a secret. The key id is the RFC 7638 thumbprint.
 */
@ApplicationScoped
public class SigningKeys {

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    public SigningKeys(@ConfigProperty(name = "smallrye.jwt.sign.key.location") String location) {
        try {
            String path = location.startsWith("file:") ? Path.of(java.net.URI.create(absolute(location))).toString() : location;
            String pem = Files.readString(Path.of(path));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            this.privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            this.publicKey = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            this.keyId = thumbprint(publicKey);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the token signing key at " + location
                    + " (a PKCS#8 RSA PEM; deploy/local/keys.sh makes one)", e);
        }
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The JWK Set document served at {@code /v1/auth/jwks}. */
    public Map<String, Object> jwks() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", keyId);
        jwk.put("n", b64(publicKey.getModulus()));
        jwk.put("e", b64(publicKey.getPublicExponent()));
        return Map.of("keys", List.of(jwk));
    }

    /** A relative {@code file:} location resolves against the working directory. */
    private static String absolute(String location) {
        String rest = location.substring("file:".length());
        if (rest.startsWith("/")) {
            return location;
        }
        return Path.of(rest).toAbsolutePath().toUri().toString();
    }

    private static String thumbprint(RSAPublicKey key) throws Exception {
        String canonical = "{\"e\":\"" + b64(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\"" + b64(key.getModulus()) + "\"}";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
