import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/** Small tools of the catalog benchmark (after bench/memory/BenchSupport.java, kept apart so the two benches change independently): percentiles, tokens, vectors, PostgreSQL binary COPY rows. */
final class CatalogSupport {

    private CatalogSupport() {
    }

    // ---------------------------------------------------------------- statistics

    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static double[] sorted(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    static String summary(List<Double> ms) {
        double[] a = sorted(ms);
        return String.format(Locale.ROOT, "n=%d p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, mean %.2f ms", a.length, pct(a, 50),
                pct(a, 95), pct(a, 99), Arrays.stream(a).average().orElse(Double.NaN));
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    // ---------------------------------------------------------------- tokens (RS256, as config-service issues them)

    static KeyPair keys(Path dir) throws Exception {
        Path priv = dir.resolve("private.der");
        Path pub = dir.resolve("public.pem");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        if (!Files.exists(priv)) {
            Files.createDirectories(dir);
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            Files.write(priv, pair.getPrivate().getEncoded());
            Files.writeString(pub, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        }
        PrivateKey key = rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv)));
        return new KeyPair(null, key);
    }

    static String token(PrivateKey key, UUID tenant, String role) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"agentry\",\"aud\":\"agentry\",\"sub\":\"bench\",\"tenant_id\":\"" + tenant
                + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}")
                .getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(s.sign());
    }

    // ---------------------------------------------------------------- vectors

    /** A unit vector near {@code base}: Gaussian noise of {@code sigma} per dimension, renormalised. */
    static float[] perturb(float[] base, double sigma, Random random) {
        float[] v = new float[base.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (base[i] + sigma * random.nextGaussian());
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    static double cosine(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }

    static String json(float[] v) {
        StringBuilder sb = new StringBuilder(v.length * 11).append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(v[i]);
        }
        return sb.append(']').toString();
    }

    static UUID uuidV7(long millis, Random random) {
        long msb = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | random.nextInt(1 << 12);
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    // ---------------------------------------------------------------- PostgreSQL binary COPY

    /** Rows of a {@code COPY ... FROM STDIN (FORMAT binary)}: header, tuples, trailer. */
    static final class BinaryCopy {
        static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        final DataOutputStream out = new DataOutputStream(bytes);

        byte[] header() throws IOException {
            ByteArrayOutputStream h = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(h);
            d.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
            d.writeInt(0);
            d.writeInt(0);
            return h.toByteArray();
        }

        static byte[] trailer() {
            return new byte[] { (byte) 0xFF, (byte) 0xFF };
        }

        void tuple(int fields) throws IOException {
            out.writeShort(fields);
        }

        void nul() throws IOException {
            out.writeInt(-1);
        }

        void uuid(UUID u) throws IOException {
            if (u == null) {
                nul();
                return;
            }
            out.writeInt(16);
            out.writeLong(u.getMostSignificantBits());
            out.writeLong(u.getLeastSignificantBits());
        }

        void text(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }

        /** pgvector's binary form: int16 dimensions, int16 unused, float4 values. */
        void vector(float[] v) throws IOException {
            out.writeInt(4 + 4 * v.length);
            out.writeShort(v.length);
            out.writeShort(0);
            for (float f : v) {
                out.writeFloat(f);
            }
        }

        void int4(int v) throws IOException {
            out.writeInt(4);
            out.writeInt(v);
        }

        void float8(double d) throws IOException {
            out.writeInt(8);
            out.writeDouble(d);
        }

        void timestamptz(Instant t) throws IOException {
            out.writeInt(8);
            out.writeLong(t.getEpochSecond() * 1_000_000L + t.getNano() / 1000 - PG_EPOCH_MICROS);
        }

        void jsonb(String json) throws IOException {
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length + 1);
            out.writeByte(1);
            out.write(b);
        }

        byte[] drain() {
            byte[] b = bytes.toByteArray();
            bytes.reset();
            return b;
        }

        int size() {
            return bytes.size();
        }
    }
}
