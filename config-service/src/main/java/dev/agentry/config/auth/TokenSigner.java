package dev.agentry.config.auth;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import dev.agentry.config.ConfigServiceConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Signs issued tokens (RS256, with {@link SigningKeys}' key and key id) through jose4j, the library
 * smallrye-jwt-build itself signs with, choosing the signature provider. RSA signing is most of a
 * token exchange's CPU, and the JDK's takes 1.0 ms where AWS-LC (the Amazon Corretto Crypto
 * Provider) takes 0.6 ms on the same key. The provider is added last, so nothing else in the service
 * picks it by default (TLS, the API key HMAC and the LLM key sealing stay on the JDK's); this class
 * asks for it by name. A provider that does not load or fails its self-check is logged and left out.
 */
@Startup // loads the native library at boot, never on an event-loop thread at the first token
@ApplicationScoped
public class TokenSigner {

    private static final Logger LOG = Logger.getLogger(TokenSigner.class);

    private final SigningKeys keys;
    private final ProviderContext providers = new ProviderContext();
    private final String provider;

    TokenSigner(SigningKeys keys, ConfigServiceConfig config) {
        this.keys = keys;
        this.provider = config.jwt().nativeSigning() ? nativeProvider(keys).orElse(null) : null;
        if (provider != null) {
            providers.getSuppliedKeyProviderContext().setSignatureProvider(provider);
        }
        LOG.infof("tokens are signed RS256 by %s", provider != null ? provider : "the JDK's provider");
    }

    /** A compact JWS of {@code claims}, with the key id and {@code typ: JWT} in its header. */
    public String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(keys.keyId());
        jws.setHeader("typ", "JWT");
        jws.setKey(keys.privateKey());
        jws.setProviderContext(providers);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** The provider signing tokens by name, or empty for the JDK's default. */
    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    private static Optional<String> nativeProvider(SigningKeys keys) {
        try {
            Provider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
            if (Security.getProvider(accp.getName()) == null) {
                Security.addProvider(accp);
            }
            // Its signature on our key must verify with the JDK, as every verifier will check it.
            byte[] probe = "agentry token signer self-check".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("SHA256withRSA", accp.getName());
            signer.initSign(keys.privateKey());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA", "SunRsaSign");
            verifier.initVerify(keys.publicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new SignatureException("a signature made by " + accp.getName() + " did not verify");
            }
            return Optional.of(accp.getName());
        } catch (Throwable e) {
            LOG.warnf("the native signature provider is not used (%s); the JDK signs tokens", e.toString());
            return Optional.empty();
        }
    }
}
