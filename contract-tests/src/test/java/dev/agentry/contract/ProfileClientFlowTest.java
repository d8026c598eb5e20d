package dev.agentry.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.client.profile.api.ProfileFieldsApi;
import dev.agentry.client.profile.api.ProfilesApi;
import dev.agentry.client.profile.model.FieldSource;
import dev.agentry.client.profile.model.FieldWrite;
import dev.agentry.client.profile.model.FieldWrites;
import dev.agentry.client.profile.model.IdentityCreate;
import dev.agentry.client.profile.model.MergeRequest;
import dev.agentry.client.profile.model.MergeResult;
import dev.agentry.client.profile.model.ProfileView;
import dev.agentry.client.profile.model.ResolveResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** profile-service through its generated client: resolve → fields → merge → resolve again. */
@ExtendWith(Suite.class)
class ProfileClientFlowTest {

    @Test
    void twoChannelsOfOneCustomerEndAsOneProfile() throws Exception {
        var client = Clients.profile(Clients.newTenant(List.of("agent-runtime", "tenant-admin")).token());
        ProfilesApi profiles = new ProfilesApi(client);

        ResolveResult web = profiles.resolveProfile(new IdentityCreate().channel("web").channelUserId("visitor-42"));
        assertTrue(web.getCreated());
        ResolveResult again = profiles.resolveProfile(new IdentityCreate().channel("web").channelUserId("visitor-42"));
        assertFalse(again.getCreated());
        assertEquals(web.getProfile().getId(), again.getProfile().getId());

        ResolveResult zalo = profiles.resolveProfile(new IdentityCreate().channel("zalo").channelUserId("84901234567"));
        ProfileView withEmail = new ProfileFieldsApi(client).writeField(zalo.getProfile().getId(), new FieldWrites()
                .fields(List.of(new FieldWrite().name("email").value("an@example.com").source(FieldSource.USER_PROVIDED))));
        assertEquals("an@example.com", withEmail.getFields().get("email").getValue());

        MergeResult merged = profiles.mergeProfiles(web.getProfile().getId(),
                new MergeRequest().duplicateId(zalo.getProfile().getId()));
        assertEquals(web.getProfile().getId(), merged.getSurvivorId());
        assertEquals("an@example.com", merged.getProfile().getFields().get("email").getValue());

        ResolveResult afterMerge = profiles.resolveProfile(new IdentityCreate().channel("zalo").channelUserId("84901234567"));
        assertEquals(web.getProfile().getId(), afterMerge.getProfile().getId());
    }
}
