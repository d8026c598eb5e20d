package dev.agentry.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Prepares what every service's tests need before the application starts: a freshly generated
 * signing key pair, wired into JWT verification (and signing, for the service that issues tokens).
 * PostgreSQL and Redis are the real local ones (Dev Services are off; see deploy/local).
 */
public class AgentryTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestKeys.ensure();
        return Map.of(
                "mp.jwt.verify.publickey.location", TestKeys.PUBLIC_KEY.toUri().toString(),
                "smallrye.jwt.sign.key.location", TestKeys.PRIVATE_KEY.toUri().toString());
    }

    @Override
    public void stop() {
    }
}
