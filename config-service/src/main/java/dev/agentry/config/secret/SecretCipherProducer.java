package dev.agentry.config.secret;

import dev.agentry.common.secret.SecretCipher;
import dev.agentry.config.ConfigServiceConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

/** config-service's cipher for secrets at rest (tenant LLM API keys, MCP server secrets), from {@code agentry.config.secrets.*}. */
@ApplicationScoped
public class SecretCipherProducer {

    @Produces
    @ApplicationScoped
    SecretCipher cipher(ConfigServiceConfig config) {
        return new SecretCipher("agentry.config.secrets", config.secrets().keyId(), config.secrets().masterKey(),
                config.secrets().retiredKeys(), "LLM keys and MCP secrets");
    }

    /** Made at start, so a missing master key is said in the start-up log rather than at the first secret. */
    void atStart(@Observes StartupEvent start, SecretCipher cipher) {
        cipher.currentKeyId();
    }
}
