package dev.agentry.common.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class EmbeddingWarmUpTest {

    /** A provider whose load the test finishes by hand. */
    static final class SlowLoadingProvider implements EmbeddingProvider {
        final AtomicReference<UniEmitter<? super Void>> loading = new AtomicReference<>();

        @Override
        public String model() {
            return "test-model";
        }

        @Override
        public int dimensions() {
            return 3;
        }

        @Override
        public Uni<List<float[]>> embedAll(List<String> texts) {
            return Uni.createFrom().item(List.of());
        }

        @Override
        public Uni<Void> load() {
            return Uni.createFrom().<Void> emitter(emitter -> loading.set(emitter));
        }
    }

    @Test
    void aServiceThatDoesNotEmbedIsReady() {
        HealthCheckResponse response = new EmbeddingWarmUp().call();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("not used", response.getData().orElseThrow().get("state"));
    }

    @Test
    void notReadyUntilTheModelIsLoaded() {
        EmbeddingWarmUp warmUp = new EmbeddingWarmUp();
        SlowLoadingProvider provider = new SlowLoadingProvider();
        warmUp.start(provider);
        assertEquals(HealthCheckResponse.Status.DOWN, warmUp.call().getStatus());
        assertEquals("loading", warmUp.call().getData().orElseThrow().get("state"));

        provider.loading.get().complete(null);
        HealthCheckResponse ready = warmUp.call();
        assertEquals(HealthCheckResponse.Status.UP, ready.getStatus());
        assertEquals("test-model", ready.getData().orElseThrow().get("model"));
    }

    @Test
    void aModelThatFailsToLoadKeepsTheReplicaOutOfTrafficWithTheReason() {
        EmbeddingWarmUp warmUp = new EmbeddingWarmUp();
        SlowLoadingProvider provider = new SlowLoadingProvider();
        warmUp.start(provider);
        provider.loading.get().fail(new IllegalStateException("model file is truncated"));
        HealthCheckResponse response = warmUp.call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("model file is truncated", response.getData().orElseThrow().get("error"));
    }
}
