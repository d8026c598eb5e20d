package dev.agentry.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.client.conversation.api.SessionsApi;
import dev.agentry.client.conversation.api.TurnsApi;
import dev.agentry.client.conversation.model.SessionCreate;
import dev.agentry.client.conversation.model.TurnRequest;
import dev.agentry.client.conversation.model.TurnResult;
import dev.agentry.client.memory.api.EpisodesApi;
import dev.agentry.client.memory.model.EpisodeType;
import dev.agentry.client.profile.api.ProfileErasuresApi;
import dev.agentry.client.profile.api.ProfilesApi;
import dev.agentry.client.profile.model.Erasure;
import dev.agentry.client.profile.model.ErasureStatus;
import dev.agentry.client.profile.model.StoreReceipt;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An erasure reaches every store of the real, packaged suite, one of them down while it happens
 * (issue 17 item 7): a customer talks to the agent (a session in conversation-service, an episode
 * in memory-service, a turn record in audit-service), memory-service is stopped, the tenant erases
 * the profile in profile-service; audit- and conversation-service answer at once, memory-service is
 * pending, and when it comes back it catches up from the event stream and the erasure is complete.
 */
@ExtendWith(Suite.class)
class ErasureFlowTest {

    @Test
    void anErasureReachesEveryStoreAndAStoreThatWasDownCatchesUp() throws Exception {
        Clients.TenantToken tenant = Clients.newTenant(List.of("tenant-admin", "agent-runtime", "auditor"));
        UUID agent = Clients.shopAgentWithRefundRule(tenant.token());
        var conversation = Clients.conversation(tenant.token());
        UUID session = new SessionsApi(conversation).createSession(new SessionCreate().agentId(agent).channel("web")
                .userChannelId("erased-" + UUID.randomUUID())).getSessionId();
        TurnResult turn = new TurnsApi(conversation).takeTurn(session, new TurnRequest().message("I want my money back, I am Ann"));
        UUID profile = turn.getCustomerProfileId();
        assertNotNull(profile);
        EpisodesApi episodes = new EpisodesApi(Clients.memory(tenant.token()));
        waitFor(() -> !episodes.listEpisodes(null, null, profile, null, 10, session, List.of(EpisodeType.TURN)).getItems().isEmpty(),
                "the turn's episode in memory-service");

        ProfileErasuresApi erasures = new ProfileErasuresApi(Clients.profile(tenant.token()));
        Suite.stopMemory();
        UUID erasureId;
        try {
            erasureId = new ProfilesApi(Clients.profile(tenant.token())).eraseProfile(profile).getErasureId();
            Erasure partial = waitFor(() -> erasures.getErasure(erasureId),
                    e -> "done".equals(status(e, "audit")) && "done".equals(status(e, "conversation")),
                    "the receipts of audit- and conversation-service");
            assertEquals("pending", status(partial, "memory"), "memory-service is down");
            assertEquals(ErasureStatus.PENDING, partial.getStatus());
            assertEquals(1, ((Number) receipt(partial, "conversation").getTouched().get("sessions")).intValue());
            // conversation-service erased the session.
            assertThrows(dev.agentry.client.conversation.ApiException.class, () -> new SessionsApi(conversation).getSession(session));
        } finally {
            Suite.startMemory();
        }
        Erasure complete = waitFor(() -> erasures.getErasure(erasureId), e -> e.getStatus() == ErasureStatus.COMPLETE,
                "memory-service catching up after its restart");
        assertTrue(((Number) receipt(complete, "memory").getTouched().get("episodes")).intValue() >= 1, String.valueOf(complete));
        assertTrue(episodes.listEpisodes(null, null, profile, null, 10, null, null).getItems().isEmpty());
    }

    private static String status(Erasure erasure, String store) {
        return receipt(erasure, store).getStatus().getValue();
    }

    private static StoreReceipt receipt(Erasure erasure, String store) {
        return erasure.getStores().stream().filter(r -> store.equals(r.getStore())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + store + " in " + erasure.getStores().stream()
                        .map(StoreReceipt::getStore).collect(Collectors.joining(", "))));
    }

    interface Call<T> {
        T call() throws Exception;
    }

    private static void waitFor(Call<Boolean> condition, String what) throws Exception {
        waitFor(condition, Boolean::booleanValue, what);
    }

    private static <T> T waitFor(Call<T> call, Predicate<T> done, String what) throws Exception {
        T last = null;
        for (int i = 0; i < 300; i++) {
            last = call.call();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited 30 s for " + what + "; last: " + last);
    }
}
