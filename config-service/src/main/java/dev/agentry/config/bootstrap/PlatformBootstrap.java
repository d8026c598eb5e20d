package dev.agentry.config.bootstrap;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.tenant.Roles;
import dev.agentry.config.ConfigServiceConfig;
import dev.agentry.config.apikey.ApiKeyCreate;
import dev.agentry.config.apikey.ApiKeyCreated;
import dev.agentry.config.apikey.ApiKeyService;
import dev.agentry.config.tenant.TenantCreate;
import dev.agentry.config.tenant.TenantPlan;
import dev.agentry.config.tenant.TenantService;
import dev.agentry.config.tenant.TenantStore;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * First start of a local suite: creates the {@code platform} tenant and one platform-admin API key,
 * writes the key (mode 600) to {@code agentry.config.bootstrap.credential-file} and logs how to use
 * it. Later starts find the tenant and do nothing. Off unless enabled (deploy/local enables it).
 */
@ApplicationScoped
public class PlatformBootstrap {

    private static final Logger LOG = Logger.getLogger(PlatformBootstrap.class);
    public static final String PLATFORM_SLUG = "platform";

    @Inject
    ConfigServiceConfig config;

    @Inject
    TenantTransactions tx;

    @Inject
    TenantStore tenantStore;

    @Inject
    TenantService tenants;

    @Inject
    ApiKeyService apiKeys;

    void onStart(@Observes StartupEvent event) {
        if (!config.bootstrap().enabled()) {
            return;
        }
        Path file = config.bootstrap().credentialFile().toAbsolutePath();
        Optional<ApiKeyCreated> created = tx.asPlatform(conn -> tenantStore.findLiveBySlug(conn, PLATFORM_SLUG)
                .flatMap(existing -> existing.isPresent() ? Uni.createFrom().item(Optional.<ApiKeyCreated> empty())
                        : tenants.create(conn, new TenantCreate("Platform", PLATFORM_SLUG, TenantPlan.ENTERPRISE, null,
                                null, null, null, Map.of(), Map.of("created_by", "bootstrap")))
                                .flatMap(tenant -> tx.bindTenant(conn, tenant.id()).flatMap(bound -> apiKeys.insert(conn,
                                        tenant.id(), new ApiKeyCreate("platform-admin (bootstrap)", List.of(Roles.PLATFORM_ADMIN),
                                                null, null, Map.of()), "bootstrap")))
                                .map(Optional::of)))
                .await().indefinitely();
        if (created.isEmpty()) {
            LOG.infof("Platform tenant exists; its bootstrap platform-admin key is in %s (if still kept there)", file);
            return;
        }
        write(file, created.get().key());
        LOG.infof("Created the platform tenant and a platform-admin API key (prefix %s), written to %s. Exchange it: "
                + "curl -s -XPOST localhost:8081/v1/auth/token -H 'content-type: application/json' "
                + "-d '{\"grant_type\":\"api_key\",\"api_key\":\"'$(cat %s)'\"}'", created.get().apiKey().keyPrefix(), file, file);
    }

    private static void write(Path file, String key) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, key + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: nothing more to tighten
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the bootstrap credential to " + file, e);
        }
    }
}
