package dev.agentry.catalog;

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
        return List.of("/v1/domains/{id}/attributes", "/v1/offerings/{id}/versions/{version}/publish",
                "/v1/variants/{id}/price", "/v1/variants/{id}/inventory/reserve", "/v1/offerings/search");
    }
}
