package dev.agentry.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * An RSA key pair generated once per test JVM into {@code target/test-keys}: tests sign their own
 * tokens and nothing secret is ever committed.
 */
public final class TestKeys {

    private static final Path DIR = Path.of("target", "test-keys");
    public static final Path PRIVATE_KEY = DIR.resolve("private.pem").toAbsolutePath();
    public static final Path PUBLIC_KEY = DIR.resolve("public.pem").toAbsolutePath();
    /** Another key pair's private half: tokens signed with it must be refused. */
    public static final Path FOREIGN_PRIVATE_KEY = DIR.resolve("foreign-private.pem").toAbsolutePath();
    /** Its public half, for tests that trust the other key pair as an outside identity provider's. */
    public static final Path FOREIGN_PUBLIC_KEY = DIR.resolve("foreign-public.pem").toAbsolutePath();

    private static boolean generated;

    private TestKeys() {
    }

    public static synchronized void ensure() {
        if (generated) {
            return;
        }
        try {
            Files.createDirectories(DIR);
            KeyPair pair = newPair();
            write(PRIVATE_KEY, "PRIVATE KEY", pair.getPrivate().getEncoded());
            write(PUBLIC_KEY, "PUBLIC KEY", pair.getPublic().getEncoded());
            KeyPair foreign = newPair();
            write(FOREIGN_PRIVATE_KEY, "PRIVATE KEY", foreign.getPrivate().getEncoded());
            write(FOREIGN_PUBLIC_KEY, "PUBLIC KEY", foreign.getPublic().getEncoded());
            generated = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PrivateKey privateKey(Path pem) {
        ensure();
        try {
            String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path path, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        Files.writeString(path, pem);
    }
}
