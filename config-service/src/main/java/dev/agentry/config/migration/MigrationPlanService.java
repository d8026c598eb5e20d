package dev.agentry.config.migration;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.scenario.Scenario;
import dev.agentry.config.scenario.ScenarioService;
import dev.agentry.config.scenario.ScenarioStep;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Migration plans: how live sessions on an old scenario version move to a newer one. Every plan
 * maps every step of its from-version (to a step of the to-version, or to a policy); only drafts
 * change; the lifecycle is DRAFT -> APPROVED -> DEPLOYED, or REJECTED, and anything else is 409.
 * A deployed plan is what {@link #applicable} answers to the runtime.
 */
@ApplicationScoped
public class MigrationPlanService {

    @Inject
    TenantTransactions tx;

    @Inject
    MigrationPlanStore store;

    @Inject
    ScenarioService scenarios;

    @Inject
    TenantContext caller;

    public Uni<MigrationPlan> create(UUID scenarioId, MigrationPlanCreate create) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> versions(conn, tenant, scenarioId, create.fromVersion(), create.toVersion()).flatMap(pair -> {
            check(create.transformationMap(), create.anchorPolicies(), pair);
            return store.insert(conn, tenant, Ids.newId(), scenarioId, create.fromVersion(), create.toVersion(),
                    create.transformationMap(), policies(create.anchorPolicies()), create.scopeFilter(), caller.subject());
        }));
    }

    /**
     * A draft made by matching steps: an old step goes to the new step with the same id, else to
     * the one with the same name (case-insensitive, if only one has it), else RESTART.
     */
    public Uni<MigrationPlan> generate(UUID scenarioId, GeneratePlanRequest request) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> scenarios.require(conn, tenant, scenarioId, false).flatMap(current -> {
            int to = request.toVersion() == null ? current.version() : request.toVersion();
            return versions(conn, tenant, scenarioId, request.fromVersion(), to).flatMap(pair -> {
                Map<String, StepMapping> map = propose(pair.from(), pair.to());
                return store.insert(conn, tenant, Ids.newId(), scenarioId, request.fromVersion(), to, map, AnchorPolicies.DEFAULT,
                        null, caller.subject());
            });
        }));
    }

    public Uni<MigrationPlan> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> require(conn, tenant, id, false));
    }

    public Uni<Page<MigrationPlan>> list(UUID scenarioId, PlanStatus status, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> scenarios.require(conn, tenant, scenarioId, false)
                .flatMap(s -> store.list(conn, tenant, scenarioId, status, page))).map(rows -> Page.of(rows, page, MigrationPlan::id));
    }

    public Uni<MigrationPlan> update(UUID id, MigrationPlanUpdate update) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> require(conn, tenant, id, true).flatMap(plan -> {
            requireStatus(plan, Set.of(PlanStatus.DRAFT), "changed");
            if (update.transformationMap() == null && update.anchorPolicies() == null) {
                return store.update(conn, tenant, id, null, null, update.scopeFilter());
            }
            return versions(conn, tenant, plan.scenarioId(), plan.fromVersion(), plan.toVersion()).flatMap(pair -> {
                Map<String, StepMapping> map = update.transformationMap() == null ? plan.transformationMap() : update.transformationMap();
                check(map, update.anchorPolicies(), pair);
                return store.update(conn, tenant, id, update.transformationMap(),
                        update.anchorPolicies() == null ? null : policies(update.anchorPolicies()), update.scopeFilter());
            });
        }));
    }

    public Uni<MigrationPlan> approve(UUID id) {
        return transition(id, Set.of(PlanStatus.DRAFT), PlanStatus.APPROVED);
    }

    public Uni<MigrationPlan> reject(UUID id) {
        return transition(id, Set.of(PlanStatus.DRAFT, PlanStatus.APPROVED), PlanStatus.REJECTED);
    }

    /** Records the plan as what moves live sessions from its from-version (one deployed plan per from-version). */
    public Uni<MigrationPlan> deploy(UUID id) {
        return transition(id, Set.of(PlanStatus.APPROVED), PlanStatus.DEPLOYED);
    }

    /** Drafts and rejected plans can be deleted; approved and deployed ones are history. */
    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> require(conn, tenant, id, true).flatMap(plan -> {
            requireStatus(plan, Set.of(PlanStatus.DRAFT, PlanStatus.REJECTED), "deleted");
            return store.delete(conn, tenant, id);
        })).replaceWithVoid();
    }

    /** The runtime's question: a session is on {@code scenarioId} at {@code fromVersion}; which deployed plan moves it? */
    public Uni<ApplicablePlan> applicable(UUID scenarioId, int fromVersion, String channel) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> scenarios.require(conn, tenant, scenarioId, false)
                .flatMap(current -> store.deployedFrom(conn, tenant, scenarioId, fromVersion).map(found -> {
                    MigrationPlan plan = found.filter(p -> channel == null || p.scopeFilter() == null
                            || p.scopeFilter().channels() == null || p.scopeFilter().channels().isEmpty()
                            || p.scopeFilter().channels().contains(channel)).orElse(null);
                    return new ApplicablePlan(scenarioId, fromVersion, current.version(), plan);
                })));
    }

    private Uni<MigrationPlan> transition(UUID id, Set<PlanStatus> from, PlanStatus to) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> require(conn, tenant, id, true).flatMap(plan -> {
            requireStatus(plan, from, "moved to " + to.name().toLowerCase(Locale.ROOT));
            return store.transition(conn, tenant, id, to, caller.subject());
        }));
    }

    private static void requireStatus(MigrationPlan plan, Set<PlanStatus> allowed, String what) {
        if (!allowed.contains(plan.status())) {
            throw new ConflictException("status", "a " + plan.status().name().toLowerCase(Locale.ROOT) + " plan cannot be " + what);
        }
    }

    private Uni<MigrationPlan> require(SqlConnection conn, UUID tenant, UUID id, boolean lock) {
        return store.find(conn, tenant, id, lock).map(found -> found.orElseThrow(() -> NotFoundException.of("Migration plan", id)));
    }

    record Versions(Scenario from, Scenario to) {
    }

    private Uni<Versions> versions(SqlConnection conn, UUID tenant, UUID scenarioId, int from, int to) {
        return scenarios.require(conn, tenant, scenarioId, false).flatMap(current -> {
            List<FieldError> errors = new ArrayList<>();
            if (from >= current.version()) {
                errors.add(new FieldError("from_version", "must be below the current version " + current.version()));
            }
            if (to <= from) {
                errors.add(new FieldError("to_version", "must be above from_version"));
            } else if (to > current.version()) {
                errors.add(new FieldError("to_version", "must be at most the current version " + current.version()));
            }
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            return scenarios.version(conn, tenant, scenarioId, from).flatMap(f -> scenarios.version(conn, tenant, scenarioId, to)
                    .map(t -> new Versions(f.scenario(), t.scenario())));
        });
    }

    private static AnchorPolicies policies(AnchorPolicies given) {
        return given == null ? AnchorPolicies.DEFAULT : given.withDefaults();
    }

    /** Every old step mapped, each to an existing new step or to a policy. */
    private static void check(Map<String, StepMapping> map, AnchorPolicies anchors, Versions v) {
        List<FieldError> errors = new ArrayList<>();
        List<String> missing = v.from().steps().stream().map(ScenarioStep::id).filter(id -> !map.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            errors.add(new FieldError("transformation_map", "must map every step of version " + v.from().version()
                    + "; missing " + missing));
        }
        map.forEach((step, mapping) -> {
            String field = "transformation_map." + step;
            if (!v.from().hasStep(step)) {
                errors.add(new FieldError(field, "is not a step of version " + v.from().version()));
            } else if (mapping.action() == StepAction.MAP && (mapping.toStep() == null || !v.to().hasStep(mapping.toStep()))) {
                errors.add(new FieldError(field + ".to_step", "must name a step of version " + v.to().version()));
            } else if (mapping.action() != StepAction.MAP && mapping.toStep() != null) {
                errors.add(new FieldError(field + ".to_step", "is only for the map action"));
            }
        });
        if (anchors != null && anchors.unmappedStep() == StepAction.MAP) {
            errors.add(new FieldError("anchor_policies.unmapped_step", "must be restart, keep_anchor or end"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    static Map<String, StepMapping> propose(Scenario from, Scenario to) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (ScenarioStep s : to.steps()) {
            if (s.name() != null) {
                byName.computeIfAbsent(s.name().strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(s.id());
            }
        }
        Map<String, StepMapping> map = new LinkedHashMap<>();
        for (ScenarioStep old : from.steps()) {
            if (to.hasStep(old.id())) {
                map.put(old.id(), StepMapping.map(old.id()));
                continue;
            }
            List<String> named = old.name() == null ? List.of() : byName.getOrDefault(old.name().strip().toLowerCase(Locale.ROOT), List.of());
            map.put(old.id(), named.size() == 1 ? StepMapping.map(named.get(0)) : new StepMapping(StepAction.RESTART, null));
        }
        return map;
    }
}
