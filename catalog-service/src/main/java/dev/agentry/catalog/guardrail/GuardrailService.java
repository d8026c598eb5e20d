package dev.agentry.catalog.guardrail;

import dev.agentry.catalog.support.CatalogErrors;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ServiceException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.cel.runtime.CelEvaluationException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Guardrails and keyword lists, by plain SQL; evaluation in memory over the tenant's cached
 * compiled set ({@link GuardrailCache}).
 *
 * <p>A condition is compiled and type-checked on every write (400 with line and column); the
 * detectors it names must be built-in or keyword lists of the tenant, and a {@code redact}
 * guardrail must name at least one (it replaces their spans). Evaluation runs the active
 * guardrails by descending priority (then code): a {@code block} that fires ends it.
 */
@ApplicationScoped
public class GuardrailService {

    static final Map<String, String> UNIQUE = Map.of("uq_guardrail_code", "code", "uq_keyword_list_code", "code");
    /** What a block answers when its guardrail has no fallback message. */
    static final String DEFAULT_FALLBACK = "Sorry, I can't help with that.";

    @Inject
    TenantTransactions tx;

    @Inject
    GuardrailStore store;

    @Inject
    GuardrailCompiler compiler;

    @Inject
    GuardrailCache cache;

    @Inject
    TenantContext caller;

    public Uni<Guardrail> create(GuardrailWrite write) {
        UUID tenant = caller.tenantId();
        UUID id = Ids.newId();
        GuardrailCompiler.Compiled compiled = compiler.compile(write.conditionExpression());
        return tx.inTenant(tenant, conn -> checkDetectors(conn, tenant, write, compiled.detectors())
                .chain(() -> store.insert(conn, tenant, id, write))
                .chain(() -> store.find(conn, tenant, id)))
                .map(found -> view(found.orElseThrow()))
                .onItem().invoke(() -> cache.invalidate(tenant))
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<Guardrail> update(UUID id, GuardrailWrite write) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id).chain(found -> {
            if (found.isEmpty()) {
                throw notFound(id);
            }
            GuardrailCompiler.Compiled compiled = compiler.compile(write.conditionExpression());
            return checkDetectors(conn, tenant, write, compiled.detectors())
                    .chain(() -> store.update(conn, tenant, id, write))
                    .chain(() -> store.find(conn, tenant, id));
        }))
                .map(found -> view(found.orElseThrow()))
                .onItem().invoke(() -> cache.invalidate(tenant))
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.delete(conn, tenant, id)).map(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
            cache.invalidate(tenant);
            return null;
        });
    }

    public Uni<Guardrail> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id)).map(found -> view(found.orElseThrow(() -> notFound(id))));
    }

    public Uni<Page<Guardrail>> list(PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, page))
                .map(rows -> Page.of(rows.stream().map(this::view).toList(), page, Guardrail::id));
    }

    public Uni<KeywordList> createList(KeywordListWrite write) {
        checkListCode(write.code());
        UUID tenant = caller.tenantId();
        UUID id = Ids.newId();
        return tx.inTenant(tenant, conn -> store.insertList(conn, tenant, id, write).chain(() -> store.findList(conn, tenant, id)))
                .map(found -> found.orElseThrow())
                .onItem().invoke(() -> cache.invalidate(tenant))
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<KeywordList> updateList(UUID id, KeywordListWrite write) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.findList(conn, tenant, id).chain(found -> {
            if (found.isEmpty()) {
                throw listNotFound(id);
            }
            checkListCode(write.code());
            return store.updateList(conn, tenant, id, write).chain(() -> store.findList(conn, tenant, id));
        }))
                .map(found -> found.orElseThrow())
                .onItem().invoke(() -> cache.invalidate(tenant))
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<Void> deleteList(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.deleteList(conn, tenant, id)).map(deleted -> {
            if (!deleted) {
                throw listNotFound(id);
            }
            cache.invalidate(tenant);
            return null;
        });
    }

    public Uni<KeywordList> getList(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.findList(conn, tenant, id)).map(found -> found.orElseThrow(() -> listNotFound(id)));
    }

    public Uni<List<KeywordList>> lists() {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.lists(conn, tenant));
    }

    /** Evaluates the tenant's active guardrails on one text (the compiled set from the cache, rebuilt when stale). */
    public Uni<GuardrailEvaluation> evaluate(GuardrailEvaluate request) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.stamp(conn, tenant).chain(stamp -> {
            GuardrailCache.CompiledSet cached = cache.get(tenant, stamp);
            return cached != null ? Uni.createFrom().item(cached) : build(conn, tenant, stamp);
        })).map(set -> evaluate(set, request));
    }

    private Uni<GuardrailCache.CompiledSet> build(SqlConnection conn, UUID tenant, String stamp) {
        return store.active(conn, tenant).chain(rows -> store.lists(conn, tenant).map(lists -> {
            List<GuardrailCache.Rule> rules = new ArrayList<>();
            Set<String> named = new TreeSet<>();
            for (GuardrailStore.Row0 row : rows) {
                try {
                    GuardrailCompiler.Compiled compiled = compiler.compile(row.expression());
                    named.addAll(compiled.detectors());
                    rules.add(new GuardrailCache.Rule(row, compiled, null));
                } catch (ServiceException e) {
                    rules.add(new GuardrailCache.Rule(row, null, e.getMessage()));
                }
            }
            Map<String, Pattern> patterns = new HashMap<>();
            lists.stream().filter(l -> named.contains(l.code())).forEach(l -> patterns.put(l.code(), Detectors.keywordPattern(l.words())));
            GuardrailCache.CompiledSet set = new GuardrailCache.CompiledSet(stamp, List.copyOf(rules), Map.copyOf(patterns));
            cache.put(tenant, set);
            return set;
        }));
    }

    static GuardrailEvaluation evaluate(GuardrailCache.CompiledSet set, GuardrailEvaluate request) {
        String message = Normalizer.normalize(request.message(), Normalizer.Form.NFC);
        Map<String, List<Detectors.Span>> spans = Detectors.detect(message, set.keywordLists());
        Map<String, Boolean> matches = new LinkedHashMap<>();
        spans.forEach((name, found) -> matches.put(name, !found.isEmpty()));
        // A keyword list a condition names that no longer exists matches nothing.
        set.rules().stream().filter(r -> r.compiled() != null).forEach(r -> r.compiled().detectors().forEach(d -> matches.putIfAbsent(d, false)));
        Map<String, Object> input = new HashMap<>();
        input.put("message", message);
        input.put("direction", request.direction());
        input.put("channel", request.channel() == null ? "" : request.channel());
        input.put("session_variables", celMap(request.sessionVariables()));
        input.put("profile_fields", celMap(request.profileFields()));
        input.put("matches", matches);

        List<GuardrailEvaluation.Fired> fired = new ArrayList<>();
        List<GuardrailEvaluation.Failed> errors = new ArrayList<>();
        Map<String, List<Detectors.Span>> redactions = new LinkedHashMap<>();
        String outcome = "allow";
        String fallback = null;
        int evaluated = 0;
        for (GuardrailCache.Rule rule : set.rules()) {
            GuardrailStore.Row0 row = rule.row();
            if (rule.compiled() == null) {
                errors.add(new GuardrailEvaluation.Failed(row.id(), row.code(), rule.error()));
                continue;
            }
            evaluated++;
            boolean held;
            try {
                held = rule.compiled().eval(input);
            } catch (CelEvaluationException | RuntimeException e) {
                errors.add(new GuardrailEvaluation.Failed(row.id(), row.code(), e.getMessage()));
                continue;
            }
            if (!held) {
                continue;
            }
            List<String> detected = rule.compiled().detectors().stream().filter(d -> Boolean.TRUE.equals(matches.get(d))).toList();
            String reason = "condition held: " + row.expression() + (detected.isEmpty() ? "" : " (detected: " + String.join(", ", detected) + ")");
            fired.add(new GuardrailEvaluation.Fired(row.id(), row.code(), row.name(), row.priority(), row.action(), reason, detected));
            if ("block".equals(row.action())) {
                outcome = "block";
                fallback = row.fallback() == null || row.fallback().isBlank() ? DEFAULT_FALLBACK : row.fallback();
                break;
            }
            if ("redact".equals(row.action())) {
                detected.forEach(d -> redactions.put(d, spans.getOrDefault(d, List.of())));
                outcome = "redact";
            } else if ("allow".equals(outcome)) {
                outcome = "warn";
            }
        }
        String text = switch (outcome) {
            case "block" -> fallback;
            case "redact" -> Detectors.redact(message, redactions);
            default -> message;
        };
        return new GuardrailEvaluation(outcome, text, fallback, fired, errors, matches, evaluated);
    }

    /** JSON values as CEL's runtime takes them: integers as long, other numbers as double, maps and lists element by element. */
    static Map<String, Object> celMap(Map<String, Object> in) {
        if (in == null) {
            return Map.of();
        }
        Map<String, Object> out = new HashMap<>();
        in.forEach((k, v) -> {
            Object c = celValue(v);
            if (c != null) {
                out.put(k, c);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object celValue(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.longValue();
        }
        if (v instanceof BigDecimal || v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            return celMap((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(GuardrailService::celValue).filter(x -> x != null).toList();
        }
        return v;
    }

    /** The names a condition reads from matches exist (built-in or the tenant's lists); a redact names at least one. */
    private Uni<Void> checkDetectors(SqlConnection conn, UUID tenant, GuardrailWrite write, Set<String> detectors) {
        if ("redact".equals(write.violationAction()) && detectors.isEmpty()) {
            throw new ValidationException(GuardrailCompiler.FIELD, "a redact guardrail must read at least one detector "
                    + "(matches.email, matches.phone, matches.payment_card, matches.vn_citizen_id or a keyword list): its spans are replaced");
        }
        List<String> lists = detectors.stream().filter(d -> !Detectors.BUILT_IN.contains(d)).toList();
        if (lists.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.listCodes(conn, tenant, lists).map(known -> {
            List<String> unknown = lists.stream().filter(d -> !known.contains(d)).toList();
            if (!unknown.isEmpty()) {
                throw new ValidationException(GuardrailCompiler.FIELD, "matches." + unknown.get(0) + " is neither a built-in detector "
                        + "(email, phone, payment_card, vn_citizen_id) nor a keyword list of this tenant");
            }
            return null;
        });
    }

    private static void checkListCode(String code) {
        if (Detectors.BUILT_IN.contains(code)) {
            throw new ValidationException("code", "is the name of a built-in detector");
        }
    }

    private Guardrail view(GuardrailStore.Row0 row) {
        List<String> detectors;
        try {
            detectors = List.copyOf(compiler.compile(row.expression()).detectors());
        } catch (ServiceException e) {
            detectors = List.of();
        }
        return new Guardrail(row.id(), row.code(), row.name(), row.expression(), row.action(), row.fallback(), row.priority(), row.active(),
                detectors, row.createdAt(), row.updatedAt());
    }

    private static NotFoundException notFound(UUID id) {
        return NotFoundException.of("Guardrail", id);
    }

    private static NotFoundException listNotFound(UUID id) {
        return NotFoundException.of("Keyword list", id);
    }
}
