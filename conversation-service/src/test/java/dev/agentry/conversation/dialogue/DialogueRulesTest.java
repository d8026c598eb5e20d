package dev.agentry.conversation.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.embedding.EmbeddingProvider;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The dialogue's pure rules: transition conditions and the update policies, each as documented. */
class DialogueRulesTest {

    /** Vectors by text: a condition about refunds points along x, anything else along y. */
    private static final class FixedEmbeddings implements EmbeddingProvider {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String model() {
            return "fixed";
        }

        @Override
        public int dimensions() {
            return 2;
        }

        @Override
        public Uni<List<float[]>> embedAll(List<String> texts) {
            calls.incrementAndGet();
            List<float[]> out = new ArrayList<>();
            texts.forEach(t -> out.add(t.contains("refund") ? new float[] { 1, 0.1f } : new float[] { 0, 1 }));
            return Uni.createFrom().item(out);
        }
    }

    private static TransitionConditions conditions(FixedEmbeddings embeddings) {
        TransitionConditions conditions = new TransitionConditions();
        conditions.embeddings = embeddings;
        conditions.config = new DialogueConfig() {
            @Override
            public int scenarioCacheSize() {
                return 10;
            }

            @Override
            public int runtimeCacheSize() {
                return 10;
            }

            @Override
            public double transitionThreshold() {
                return 0.6;
            }
        };
        conditions.init();
        return conditions;
    }

    private static Optional<String> judge(TransitionConditions conditions, String condition, String message, float[] vector,
            Set<String> filled) {
        return conditions.holds(condition, new TransitionConditions.TurnFacts(message, Optional.ofNullable(vector), filled))
                .await().indefinitely();
    }

    @Test
    void conditionsReadAsDocumented() {
        FixedEmbeddings embeddings = new FixedEmbeddings();
        TransitionConditions c = conditions(embeddings);
        assertEquals(Optional.of("always"), judge(c, null, "hi", null, Set.of()));
        assertEquals(Optional.of("always"), judge(c, " * ", "hi", null, Set.of()));
        assertEquals(Optional.of("email filled"), judge(c, "slot:email", "hi", null, Set.of("email")));
        assertEquals(Optional.empty(), judge(c, "variable:email", "hi", null, Set.of("phone")));
        assertEquals(Optional.of("message contains \"Human\""), judge(c, "contains:agent|Human", "a HUMAN please", null, Set.of()));
        assertEquals(Optional.empty(), judge(c, "contains:agent|human", "a person please", null, Set.of()));

        // Free text: by the vectors' cosine, the condition embedded once.
        float[] refundish = { 1, 0 };
        Optional<String> held = judge(c, "the customer asks for a refund", "money back", refundish, Set.of());
        assertTrue(held.orElseThrow().startsWith("message like \"the customer asks for a refund\" (0.99"), held.toString());
        assertEquals(Optional.empty(), judge(c, "the customer asks for a refund", "hello", new float[] { 0, 1 }, Set.of()));
        assertEquals(1, embeddings.calls.get(), "a condition is embedded once per replica");
        assertEquals(Optional.empty(), judge(c, "the customer asks for a refund", "no vector", null, Set.of()));
    }

    @Test
    void policiesCombineAsConfigServiceApplies() {
        assertEquals("b", VariablePolicies.apply(AgentRuntime.UpdatePolicy.REPLACE, "a", "b"));
        assertEquals(null, VariablePolicies.apply(AgentRuntime.UpdatePolicy.REPLACE, "a", null));
        assertEquals("x", VariablePolicies.apply(AgentRuntime.UpdatePolicy.APPEND, null, "x"));
        assertEquals(List.of(3), VariablePolicies.apply(AgentRuntime.UpdatePolicy.APPEND, null, 3));
        assertEquals("Hello, world", VariablePolicies.apply(AgentRuntime.UpdatePolicy.APPEND, "Hello", ", world"));
        assertEquals(List.of(1, 2, 3), VariablePolicies.apply(AgentRuntime.UpdatePolicy.APPEND, List.of(1), List.of(2, 3)));
        assertEquals(List.of(1, Map.of("a", 1)), VariablePolicies.apply(AgentRuntime.UpdatePolicy.APPEND, List.of(1), Map.of("a", 1)));
        assertEquals("value", assertThrows(VariablePolicies.Refused.class,
                () -> VariablePolicies.apply(AgentRuntime.UpdatePolicy.APPEND, "s", 1)).field());
        assertEquals("current", assertThrows(VariablePolicies.Refused.class,
                () -> VariablePolicies.apply(AgentRuntime.UpdatePolicy.APPEND, 5, "s")).field());
        Map<String, Object> current = new java.util.LinkedHashMap<>();
        current.put("a", 1);
        current.put("nested", Map.of("x", 1, "y", 2));
        current.put("gone", true);
        Map<String, Object> patch = new java.util.LinkedHashMap<>();
        patch.put("nested", Map.of("y", 3));
        patch.put("gone", null);
        patch.put("list", List.of(1));
        assertEquals(Map.of("a", 1, "nested", Map.of("x", 1, "y", 3), "list", List.of(1)),
                VariablePolicies.apply(AgentRuntime.UpdatePolicy.MERGE, current, patch));
        assertEquals("value", assertThrows(VariablePolicies.Refused.class,
                () -> VariablePolicies.apply(AgentRuntime.UpdatePolicy.MERGE, null, "s")).field());
        assertEquals("current", assertThrows(VariablePolicies.Refused.class,
                () -> VariablePolicies.apply(AgentRuntime.UpdatePolicy.MERGE, List.of(), Map.of())).field());
    }
}
