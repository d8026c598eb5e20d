package dev.agentry.config.tool;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.jsonschema.JsonSchemas;
import dev.agentry.config.outputformat.OutputFormatStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Tool configs of the caller's tenant: schemas checked on write, inputs checked on demand. */
@ApplicationScoped
public class ToolConfigService {

    @Inject
    TenantTransactions tx;

    @Inject
    ToolConfigStore store;

    @Inject
    BaseToolStore baseTools;

    @Inject
    OutputFormatStore outputFormats;

    @Inject
    JsonSchemas schemas;

    @Inject
    TenantContext caller;

    public Uni<ToolConfig> create(ToolConfigCreate create) {
        schemas.requireSchema(create.inputSchema(), "input_schema");
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> baseTools.find(conn, create.baseToolId()).flatMap(base -> {
            BaseTool tool = base.orElseThrow(() -> new ValidationException("base_tool_id", "no such base tool"));
            checkConfig(tool, create.config());
            return checkFormat(conn, tenant, create.outputFormatId());
        }).flatMap(v -> store.insert(conn, tenant, Ids.newId(), create)).flatMap(id -> store.find(conn, tenant, id)).map(Optional::orElseThrow));
    }

    public Uni<ToolConfig> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> require(conn, tenant, id));
    }

    public Uni<Page<ToolConfig>> list(String baseType, Boolean enabled, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, baseType, enabled, page)).map(rows -> Page.of(rows, page, ToolConfig::id));
    }

    public Uni<ToolConfig> update(UUID id, ToolConfigUpdate update) {
        if (update.inputSchema() != null) {
            schemas.requireSchema(update.inputSchema(), "input_schema");
        }
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> require(conn, tenant, id).flatMap(current -> {
            if (update.config() == null) {
                return checkFormat(conn, tenant, update.outputFormatId());
            }
            return baseTools.find(conn, current.baseToolId()).flatMap(base -> {
                checkConfig(base.orElseThrow(), update.config());
                return checkFormat(conn, tenant, update.outputFormatId());
            });
        }).flatMap(v -> store.update(conn, tenant, id, update)).flatMap(v -> require(conn, tenant, id)));
    }

    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.delete(conn, tenant, id)).invoke(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
        }).replaceWithVoid();
    }

    /** Checks a tool input against the tool's input schema; the answer lists where it fails. */
    public Uni<ValidateResult> validate(UUID id, ValidateRequest request) {
        return get(id).map(tool -> {
            List<FieldError> errors = schemas.validate(tool.inputSchema(), request.input(), "input");
            return new ValidateResult(errors.isEmpty(), errors);
        });
    }

    private void checkConfig(BaseTool base, Map<String, Object> config) {
        if (base.defaultConfigSchema() != null) {
            schemas.requireValid(base.defaultConfigSchema(), config == null ? Map.of() : config, "config");
        }
    }

    private Uni<Void> checkFormat(SqlConnection conn, UUID tenant, UUID formatId) {
        if (formatId == null) {
            return Uni.createFrom().voidItem();
        }
        return outputFormats.exists(conn, tenant, formatId).invoke(found -> {
            if (!found) {
                throw new ValidationException("output_format_id", "no such output format in this tenant");
            }
        }).replaceWithVoid();
    }

    private Uni<ToolConfig> require(SqlConnection conn, UUID tenant, UUID id) {
        return store.find(conn, tenant, id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public static NotFoundException notFound(UUID id) {
        return NotFoundException.of("Tool config", id);
    }
}
