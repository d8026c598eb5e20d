package dev.agentry.audit;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.OperabilityContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** Health, metrics and the API description are there without a token. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OperabilityTest extends OperabilityContract {

    @Override
    protected List<String> documentedPaths() {
        return List.of("/v1/audit/records", "/v1/audit/verify", "/v1/audit/sessions/{session_id}/turns",
                "/v1/audit/dead-letters", "/v1/audit/export");
    }
}
