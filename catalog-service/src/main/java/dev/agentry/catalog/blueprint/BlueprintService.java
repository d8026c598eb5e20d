package dev.agentry.catalog.blueprint;

import dev.agentry.catalog.support.CatalogErrors;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ServiceException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.panache.tenancy.TenantSessions;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The global blueprint through Hibernate Reactive Panache: plain reads and writes of small entity
 * tables, each in one transaction with the caller's tenant (and, for platform admins writing
 * global rows, platform reach) bound by {@link TenantSessions} for row-level security.
 */
@ApplicationScoped
public class BlueprintService {

    static final Map<String, String> UNIQUE = Map.of("uq_domain_code", "code", "uq_capability_code", "code",
            "uq_attribute_key", "key");

    @Inject
    TenantSessions sessions;

    @Inject
    TenantContext caller;

    public Uni<Domain> createDomain(DomainCreate create) {
        Instant now = Instant.now();
        KnowledgeDomainEntity e = new KnowledgeDomainEntity();
        e.id = Ids.newId();
        e.code = create.code();
        e.name = create.name().strip();
        e.domainType = create.domainType() == null ? "offering" : create.domainType();
        e.description = create.description();
        e.flowConfig = create.flowConfig() == null ? Map.of() : create.flowConfig();
        e.createdAt = now;
        e.updatedAt = now;
        return sessions.asPlatformInTenant(caller.tenantId(), () -> e.<KnowledgeDomainEntity> persistAndFlush())
                .map(KnowledgeDomainEntity::view)
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<Domain> domain(UUID id) {
        return sessions.inTenant(caller.tenantId(), () -> KnowledgeDomainEntity.<KnowledgeDomainEntity> findById(id))
                .map(e -> {
                    if (e == null) {
                        throw NotFoundException.of("Domain", id);
                    }
                    return e.view();
                });
    }

    public Uni<Page<Domain>> domains(boolean includeArchived, PageRequest page) {
        return sessions.inTenant(caller.tenantId(), () -> {
            String where = (includeArchived ? "1 = 1" : "archived = false") + (page.after() == null ? "" : " and id > ?1");
            var query = page.after() == null ? KnowledgeDomainEntity.<KnowledgeDomainEntity> find(where, Sort.by("id"))
                    : KnowledgeDomainEntity.<KnowledgeDomainEntity> find(where, Sort.by("id"), page.after());
            return query.range(0, page.fetchSize() - 1).list();
        }).map(rows -> Page.of(rows.stream().map(KnowledgeDomainEntity::view).toList(), page, Domain::id));
    }

    /** Archives a domain (soft delete): its offerings stay; new definitions are refused. */
    public Uni<Domain> archiveDomain(UUID id) {
        return sessions.asPlatformInTenant(caller.tenantId(), () -> KnowledgeDomainEntity.<KnowledgeDomainEntity> findById(id)
                .map(e -> {
                    if (e == null) {
                        throw NotFoundException.of("Domain", id);
                    }
                    e.archived = true;
                    e.updatedAt = Instant.now();
                    return e.view();
                }));
    }

    public Uni<AttributeDefinition> createAttribute(UUID domainId, AttributeDefinitionCreate create) {
        boolean global = AttributeDefinition.GLOBAL.equals(create.visibility());
        if (global && !caller.isPlatformAdmin()) {
            throw new ServiceException(403, "forbidden", "Forbidden", "Only platform admins define global attributes",
                    List.of());
        }
        AttributeValues.checkConstraint(create.valueType(), create.valueConstraint());
        UUID tenant = caller.tenantId();
        Instant now = Instant.now();
        AttributeDefinitionEntity e = new AttributeDefinitionEntity();
        e.id = Ids.newId();
        e.tenantId = global ? null : tenant;
        e.domainId = domainId;
        e.attributeKey = create.key();
        e.label = create.label();
        e.valueType = create.valueType();
        e.semanticType = create.semanticType();
        e.valueConstraint = create.valueConstraint() == null ? Map.of() : create.valueConstraint().toMap();
        e.scope = create.scope() == null ? "offering" : create.scope();
        e.required = Boolean.TRUE.equals(create.isRequired());
        e.createdAt = now;
        e.updatedAt = now;
        var work = (java.util.function.Supplier<Uni<AttributeDefinition>>) () -> KnowledgeDomainEntity
                .<KnowledgeDomainEntity> findById(domainId)
                .chain(domain -> {
                    if (domain == null) {
                        throw NotFoundException.of("Domain", domainId);
                    }
                    if (domain.archived) {
                        throw new ConflictException("domain_id", "the domain is archived");
                    }
                    // A key is one attribute for a tenant: its own definitions may not shadow a global one
                    // (nor a global one a tenant's: the platform admin's tenant sees its own here too).
                    return AttributeDefinitionEntity.count("domainId = ?1 and attributeKey = ?2", domainId, create.key());
                })
                .chain(clashes -> {
                    if (clashes > 0) {
                        throw new ConflictException("key", "key is already taken");
                    }
                    return e.<AttributeDefinitionEntity> persistAndFlush();
                })
                .map(AttributeDefinitionEntity::view);
        Uni<AttributeDefinition> done = global ? sessions.asPlatformInTenant(tenant, work) : sessions.inTenant(tenant, work);
        return done.onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    /** The definitions of a domain the caller sees: the global ones and its own. */
    public Uni<List<AttributeDefinition>> attributes(UUID domainId) {
        return sessions.inTenant(caller.tenantId(), () -> KnowledgeDomainEntity.<KnowledgeDomainEntity> findById(domainId)
                .chain(domain -> {
                    if (domain == null) {
                        throw NotFoundException.of("Domain", domainId);
                    }
                    return AttributeDefinitionEntity.<AttributeDefinitionEntity> find("domainId", Sort.by("attributeKey").and("id"),
                            domainId).list();
                }))
                .map(rows -> rows.stream().map(AttributeDefinitionEntity::view).toList());
    }

    public Uni<Capability> createCapability(CapabilityCreate create) {
        CapabilityEntity e = new CapabilityEntity();
        e.id = Ids.newId();
        e.domainId = create.domainId();
        e.code = create.code();
        e.name = create.name().strip();
        e.description = create.description();
        e.createdAt = Instant.now();
        return sessions.asPlatformInTenant(caller.tenantId(), () -> (create.domainId() == null ? Uni.createFrom().voidItem()
                : KnowledgeDomainEntity.<KnowledgeDomainEntity> findById(create.domainId()).map(d -> {
                    if (d == null) {
                        throw NotFoundException.of("Domain", create.domainId());
                    }
                    return null;
                })).chain(v -> e.<CapabilityEntity> persistAndFlush()))
                .map(CapabilityEntity::view)
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<List<Capability>> capabilities(UUID domainId) {
        return sessions.inTenant(caller.tenantId(), () -> (domainId == null
                ? CapabilityEntity.<CapabilityEntity> listAll(Sort.by("code"))
                : CapabilityEntity.<CapabilityEntity> list("domainId", Sort.by("code"), domainId)))
                .map(rows -> rows.stream().map(CapabilityEntity::view).toList());
    }
}
