package dev.agentry.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.client.memory.api.EpisodesApi;
import dev.agentry.client.memory.model.Episode;
import dev.agentry.client.memory.model.EpisodeCreate;
import dev.agentry.client.memory.model.EpisodeSearch;
import dev.agentry.client.memory.model.EpisodeSearchResult;
import dev.agentry.client.memory.model.EpisodeType;
import dev.agentry.client.memory.model.SearchMode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** memory-service through its generated client, with a token config-service issued: episodes → search. */
@ExtendWith(Suite.class)
class MemoryClientFlowTest {

    @Test
    void episodesWrittenByOneCustomerAreFoundByMeaning() throws Exception {
        Clients.TenantToken tenant = Clients.newTenant(List.of("agent-runtime"));
        EpisodesApi episodes = new EpisodesApi(Clients.memory(tenant.token()));
        UUID agent = UUID.randomUUID();
        UUID customer = UUID.randomUUID();

        Episode parcel = episodes.createEpisode(new EpisodeCreate().agentId(agent).customerProfileId(customer).episodeType(EpisodeType.FACT)
                .content("The customer's parcel was left with the neighbour at number 12.").importance(0.8));
        episodes.createEpisode(new EpisodeCreate().agentId(agent).customerProfileId(customer).episodeType(EpisodeType.FACT)
                .content("The customer prefers to pay by bank transfer."));
        assertEquals(parcel.getId(), episodes.getEpisode(parcel.getId()).getId());

        EpisodeSearchResult found = episodes.searchEpisodes(new EpisodeSearch().query("where is my package?")
                .customerProfileId(customer).mode(SearchMode.HYBRID).limit(2));
        assertFalse(found.getItems().isEmpty());
        assertEquals(parcel.getId(), found.getItems().get(0).getEpisode().getId());
        assertTrue(found.getItems().get(0).getVectorSimilarity() > 0);

        EpisodeSearchResult otherTenant = new EpisodesApi(
                Clients.memory(Clients.newTenant(List.of("agent-runtime")).token()))
                .searchEpisodes(new EpisodeSearch().query("where is my package?").customerProfileId(customer));
        assertTrue(otherTenant.getItems().isEmpty());
    }
}
