package dev.agentry.profile;

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
        return List.of("/v1/profiles/resolve", "/v1/profiles/{id}/merge", "/v1/profiles/{id}/fields/{name}/history");
    }
}
