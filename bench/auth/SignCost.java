import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The CPU one RS256 signature costs on this JDK with config-service's own signing key: the floor
 * under any RS256 issuer's CPU per token, whatever its HTTP stack does. Single-threaded, after a
 * warm-up long enough for C2 to compile BigInteger's Montgomery loops, timed by the thread's CPU time; the signing input is the size
 * of a real token's header and claims. Prints the median of the rounds.
 *
 * Usage: SignCost private-key.pem [rounds=5] [signatures-per-round=2000]
 */
public final class SignCost {

    public static void main(String[] args) throws Exception {
        String pem = Files.readString(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int perRound = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        byte[] input = ("eyJraWQiOiJr" + "x".repeat(420)).getBytes(StandardCharsets.US_ASCII);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        sign(rs256, key, input, 3000); // warm-up
        // CPU time of this thread, not wall time: a shared machine's other work does not count.
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] millis = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = cpu.getCurrentThreadCpuTime();
            sign(rs256, key, input, perRound);
            millis[r] = (cpu.getCurrentThreadCpuTime() - start) / 1e6 / perRound;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "SIGN rs256_ms=%.3f rounds=%s java=%s%n", millis[rounds / 2],
                Arrays.toString(Arrays.stream(millis).map(m -> Math.round(m * 1000) / 1000.0).toArray()),
                System.getProperty("java.version"));
    }

    private static void sign(Signature signature, PrivateKey key, byte[] input, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            signature.initSign(key);
            signature.update(input);
            signature.sign();
        }
    }
}
