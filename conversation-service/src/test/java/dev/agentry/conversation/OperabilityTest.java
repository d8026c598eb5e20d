package dev.agentry.conversation;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.OperabilityContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** Health (PostgreSQL and both session Redis clients), metrics and the API description, without a token. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OperabilityTest extends OperabilityContract {

    @Override
    protected List<String> documentedPaths() {
        return List.of("/v1/sessions", "/v1/sessions/{id}", "/v1/sessions/{id}/messages", "/v1/sessions/{id}/slots/{key}",
                "/v1/sessions/{id}/checkpoints/{checkpointId}/chain", "/v1/sessions/erasure");
    }
}
