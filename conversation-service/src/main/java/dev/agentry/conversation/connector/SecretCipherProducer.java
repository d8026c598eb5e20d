package dev.agentry.conversation.connector;

import dev.agentry.common.secret.SecretCipher;
import dev.agentry.conversation.ConversationServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** conversation-service's cipher for connector credentials, from {@code agentry.conversation.secrets.*}. */
@ApplicationScoped
public class SecretCipherProducer {

    @Produces
    @ApplicationScoped
    SecretCipher cipher(ConversationServiceConfig config) {
        return new SecretCipher("agentry.conversation.secrets", config.secrets().keyId(), config.secrets().masterKey(),
                config.secrets().retiredKeys(), "Zendesk and Jira credentials");
    }
}
