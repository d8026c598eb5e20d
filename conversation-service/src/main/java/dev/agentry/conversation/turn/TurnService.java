package dev.agentry.conversation.turn;

import dev.agentry.common.audit.AuditKind;
import dev.agentry.common.audit.AuditPublisher;
import dev.agentry.common.audit.AuditRecord;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.conversation.ConversationServiceConfig;
import dev.agentry.conversation.dependency.CallBudget;
import dev.agentry.conversation.dependency.CatalogClient;
import dev.agentry.conversation.dialogue.DialoguePrompt;
import dev.agentry.conversation.dialogue.DialogueSteps;
import dev.agentry.conversation.dialogue.RuntimeConfigs;
import dev.agentry.conversation.dialogue.TemplateChoice;
import dev.agentry.conversation.dialogue.Templates;
import dev.agentry.conversation.dialogue.VariableUpdates;
import dev.agentry.conversation.dialogue.ScenarioDefinition;
import dev.agentry.conversation.dialogue.ScenarioTurn;
import dev.agentry.conversation.dialogue.TransitionConditions;
import dev.agentry.conversation.dependency.ConfigClient;
import dev.agentry.conversation.dependency.MemoryClient;
import dev.agentry.conversation.dependency.MemoryHit;
import dev.agentry.conversation.dependency.ProfileClient;
import dev.agentry.conversation.dependency.RuleHit;
import dev.agentry.conversation.dependency.ScenarioHit;
import dev.agentry.conversation.message.MessageCreate;
import dev.agentry.conversation.message.MessageRole;
import dev.agentry.conversation.message.MessageStore;
import dev.agentry.conversation.session.Session;
import dev.agentry.conversation.session.SessionCreate;
import dev.agentry.conversation.session.SessionService;
import dev.agentry.conversation.slot.SlotSet;
import dev.agentry.conversation.slot.SlotStore;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The turn pipeline, first slice (docs/conversation-service.md, "Turns"): resolve the customer
 * (once per session), embed the message once, then rule match, scenario match and the customer's
 * memories in parallel, each by that one vector; answer deterministically (the best rule's action,
 * else the fallback); store both messages and the decision in one transaction, move the session by
 * compare-and-set, and hand the turn to memory- and audit-service without waiting for them. Every
 * dependency that fails or is slow is skipped and named in {@code degraded}: the turn never fails
 * for it.
 */
@ApplicationScoped
public class TurnService {

    private static final Logger LOG = Logger.getLogger(TurnService.class);
    /** The keys of an action's config that hold the text to answer with, in order of preference. */
    private static final List<String> RESPONSE_KEYS = List.of("response", "text", "message");

    @Inject
    SessionService sessions;

    @Inject
    ProfileClient profiles;

    @Inject
    ConfigClient configs;

    @Inject
    MemoryClient memories;

    @Inject
    CatalogClient catalog;

    @Inject
    EmbeddingProvider embeddings;

    @Inject
    TenantTransactions tx;

    @Inject
    MessageStore messages;

    @Inject
    DecisionStore decisions;

    @Inject
    SlotStore slots;

    @Inject
    AuditPublisher audit;

    @Inject
    TenantContext caller;

    @Inject
    ConversationServiceConfig config;

    @Inject
    Tracer tracer;

    @Inject
    DialogueSteps dialogue;

    @Inject
    RuntimeConfigs runtimes;

    @Inject
    Templates templates;

    /** A turn of the channel user's live session with the agent, opened when there is none. */
    public Uni<TurnResult> take(ChannelTurnRequest request, String authorization) {
        return take(request, authorization, null);
    }

    /** The same, the LLM's words handed to {@code onToken} as they arrive (null: not streamed). */
    public Uni<TurnResult> take(ChannelTurnRequest request, String authorization, Consumer<String> onToken) {
        return sessions.create(new SessionCreate(request.agentId(), request.channel(), request.userChannelId(), null, null))
                .flatMap(opened -> take(opened.session().sessionId(), new TurnRequest(request.message(), request.language()), authorization,
                        onToken));
    }

    public Uni<TurnResult> take(UUID sessionId, TurnRequest request, String authorization) {
        return take(sessionId, request, authorization, null);
    }

    /**
     * A turn whose LLM answer, if it has one, is streamed: each piece to {@code onToken} as
     * config-service relays it (before the output guardrails: the result's {@code response} is
     * the answer to keep). Null: not streamed.
     */
    public Uni<TurnResult> take(UUID sessionId, TurnRequest request, String authorization, Consumer<String> onToken) {
        long started = System.nanoTime();
        UUID tenant = caller.tenantId();
        Steps steps = new Steps(CallBudget.until(config.turn().deadline()), onToken, tracer, Context.current(),
                io.vertx.core.Vertx.currentContext());
        return sessions.get(sessionId).flatMap(session -> {
            if (!session.isLive()) {
                throw new ConflictException("status", "the session has ended");
            }
            Uni<Optional<UUID>> customer = session.customerProfileId() != null
                    ? Uni.createFrom().item(Optional.of(session.customerProfileId()))
                    : steps.time("profile", () -> profiles.resolve(steps.budget(), authorization, session.channel(), session.userChannelId()));
            Uni<Optional<float[]>> vector = steps.time("embed", () -> embeddings.embed(request.message()).map(Optional::of)
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("turn of session %s not embedded: %s", sessionId, e.toString());
                        return Optional.empty();
                    }));
            // The agent's runtime config (templates, variables) is asked for now, beside everything else, and waited for at the step.
            Uni<RuntimeConfigs.Read> runtime = steps.time("runtime_config", () -> runtimes.get(steps.budget(), authorization, tenant, session.agentId()))
                    .memoize().indefinitely();
            runtime.subscribe().with(read -> {
            }, e -> LOG.warnf("runtime config of agent %s not read: %s", session.agentId(), e.toString()));
            boolean withCatalog = config.turn().catalogEnabled();
            Uni<Optional<CatalogClient.Verdict>> guarded = !withCatalog ? Uni.createFrom().item(Optional.of(ALLOWED))
                    : steps.time("guardrails_input", () -> catalog.guard(steps.budget(), authorization, request.message(), "input",
                            session.channel(), session.variables()));
            Uni<Optional<CatalogClient.BotScope>> bot = !withCatalog ? Uni.createFrom().item(Optional.empty())
                    : steps.time("bot", () -> catalog.botOf(steps.budget(), authorization, session.agentId(), sessionId)).map(found -> {
                        if (found.isEmpty()) {
                            steps.degrade("bot");
                        }
                        return found.flatMap(b -> b);
                    });
            return Uni.combine().all().unis(customer, vector, guarded, bot).asTuple()
                    .flatMap(t -> retrieve(session, request.message(), t.getItem1(), t.getItem2(), t.getItem4(), authorization, steps)
                            .call(found -> followScenario(tenant, session, request, found, steps, authorization, runtime))
                            .flatMap(found -> finish(tenant, session, request, found, steps, started, authorization,
                                    inputVerdict(t.getItem3(), steps))));
        });
    }

    /** What the parallel searches found (empty lists for what they could not reach, named in degraded). */
    private record Retrieved(Optional<UUID> customer, Optional<float[]> vector, List<RuleHit> rules,
            List<ScenarioHit> scenarios, List<MemoryHit> memories, Optional<CatalogClient.BotScope> bot,
            List<CatalogClient.FaqAnswer> faq, List<CatalogClient.Offering> offerings) {
    }

    private Uni<Retrieved> retrieve(Session session, String message, Optional<UUID> customer, Optional<float[]> vector,
            Optional<CatalogClient.BotScope> bot, String authorization, Steps steps) {
        if (customer.isEmpty()) {
            steps.degrade("profile");
        }
        if (vector.isEmpty()) {
            steps.degrade("embedding");
            return Uni.createFrom().item(new Retrieved(customer, vector, List.of(), List.of(), List.of(), bot, List.of(), List.of()));
        }
        float[] v = vector.get();
        String model = embeddings.model();
        Uni<List<RuleHit>> rules = steps.time("rules", () -> configs.matchRules(steps.budget(), authorization, session.agentId(), v, model))
                .map(found -> steps.orDegraded("rules", found));
        Uni<List<ScenarioHit>> scenarios = session.activeScenarioId() != null ? Uni.createFrom().item(List.<ScenarioHit> of())
                : steps.time("scenarios", () -> configs.matchScenarios(steps.budget(), authorization, session.agentId(), v, model))
                        .map(found -> steps.orDegraded("scenarios", found));
        Uni<List<MemoryHit>> recalled = customer.isEmpty() ? Uni.createFrom().item(List.<MemoryHit> of())
                : steps.time("memory", () -> memories.search(steps.budget(), authorization, customer.get(), v, model))
                        .map(found -> steps.orDegraded("memory", found));
        Uni<List<CatalogClient.FaqAnswer>> faq = bot.isEmpty() ? Uni.createFrom().item(List.<CatalogClient.FaqAnswer> of())
                : steps.time("faq", () -> catalog.faq(steps.budget(), authorization, bot.get().botId(), v, model))
                        .map(found -> steps.orDegraded("faq", found));
        Uni<List<CatalogClient.Offering>> offerings = !config.turn().catalogEnabled()
                ? Uni.createFrom().item(List.<CatalogClient.Offering> of())
                : steps.time("offerings", () -> catalog.offerings(steps.budget(), authorization, message, v, model))
                        .map(found -> steps.orDegraded("offerings", found));
        return Uni.combine().all().unis(rules, scenarios, recalled, faq, offerings).asTuple()
                .map(r -> new Retrieved(customer, vector, r.getItem1(), r.getItem2(), r.getItem3(), bot, r.getItem4(), r.getItem5()));
    }

    /** The scenario step of this turn (entered, moved, stayed or left), kept in {@code steps} for the answer and the session. */
    private Uni<TemplateChoice> followScenario(UUID tenant, Session session, TurnRequest request, Retrieved found, Steps steps,
            String authorization, Uni<RuntimeConfigs.Read> runtime) {
        Map<String, String> slotsFilled = new LinkedHashMap<>();
        SlotExtractors.extract(request.message()).forEach(x -> slotsFilled.put(x.key(), x.value()));
        java.util.Set<String> filled = new java.util.HashSet<>(session.variables().keySet());
        filled.addAll(slotsFilled.keySet());
        // The runtime config (asked for at the turn's start) names the scenarios' current versions: a session behind migrates.
        return runtime.invoke(read -> {
            if (read.degraded()) {
                steps.degrade("runtime_config");
            }
        }).flatMap(read -> steps.time("scenario_step", () -> dialogue.follow(steps.budget(), authorization, tenant, session, found.scenarios(),
                config.turn().scenarioThreshold(), new TransitionConditions.TurnFacts(request.message(), found.vector(), filled),
                read.runtime()))
                .invoke(turn -> {
                    steps.scenario = turn;
                    if (turn.degraded()) {
                        steps.degrade("scenario_step");
                    }
                })
                .flatMap(turn -> {
                    steps.variables = read.runtime().map(r -> VariableUpdates.of(slotsFilled, r, turn)).orElse(VariableUpdates.none());
                    return read.runtime().isEmpty() ? Uni.createFrom().item(TemplateChoice.none())
                            : steps.time("templates", () -> templates.choose(tenant, session.sessionId(), read.runtime().get(), turn,
                                    session.variables(), slotsFilled));
                }))
                .invoke(choice -> steps.templates = choice);
    }

    private Uni<TurnResult> finish(UUID tenant, Session session, TurnRequest request, Retrieved found, Steps steps,
            long started, String authorization, CatalogClient.Verdict input) {
        Optional<RuleHit> rule = found.rules().stream().filter(r -> r.score() >= config.turn().ruleThreshold())
                .max(Comparator.comparingDouble(RuleHit::score));
        Optional<String> ruleText = rule.flatMap(TurnService::responseOf);
        Uni<Answer> answer;
        if (input.blocked()) {
            // A blocking guardrail answers with its fallback message: no rule, cache or LLM speaks.
            answer = Uni.createFrom().item(new Answer(input.text(), "guardrail", null));
        } else if (steps.templates.exclusive().isPresent()) {
            // An EXCLUSIVE template where the session is answers alone: no rule, FAQ, cache or LLM.
            answer = Uni.createFrom().item(new Answer(steps.templates.exclusive().get().text(), "template", null));
        } else if (ruleText.isPresent()) {
            answer = Uni.createFrom().item(new Answer(ruleText.get(), "rule", null));
        } else if (bestFaq(found).isPresent()) {
            answer = Uni.createFrom().item(new Answer(bestFaq(found).get().answer(), "faq", null));
        } else {
            answer = cachedOrLlm(request, found, steps, authorization, input, languageOf(request, session));
        }
        return answer.flatMap(a -> a.source().equals("guardrail") ? Uni.createFrom().item(a) : guardOutput(a, session, steps,
                authorization))
                .flatMap(a -> finish(tenant, session, request, found, steps, started, authorization, rule, a, input));
    }

    /** The bot's (or the tenant's) FAQ entry at or above {@code faq-threshold}, the nearest first. */
    private Optional<CatalogClient.FaqAnswer> bestFaq(Retrieved found) {
        return found.faq().stream().filter(f -> f.similarity() >= config.turn().faqThreshold() && f.answer() != null)
                .max(Comparator.comparingDouble(CatalogClient.FaqAnswer::similarity));
    }

    private static UUID versionOf(Retrieved found) {
        return found.bot().map(CatalogClient.BotScope::versionId).orElse(null);
    }

    /** The message's language: the request's, else the session variable {@code language} when it is a tag, else the default. */
    private String languageOf(TurnRequest request, Session session) {
        if (request.language() != null) {
            return request.language().toLowerCase(java.util.Locale.ROOT);
        }
        Object variable = session.variables().get("language");
        if (variable instanceof String tag && tag.matches(TurnRequest.LANGUAGE)) {
            return tag.toLowerCase(java.util.Locale.ROOT);
        }
        return config.turn().defaultLanguage();
    }

    /** The verdict of no guardrail: the message as it is. */
    private static final CatalogClient.Verdict ALLOWED = new CatalogClient.Verdict("allow", null, List.of());

    /** The verdict on the message; a catalog-service that cannot answer lets it through, named degraded. */
    private static CatalogClient.Verdict inputVerdict(Optional<CatalogClient.Verdict> verdict, Steps steps) {
        if (verdict.isEmpty()) {
            steps.degrade("guardrails");
            return ALLOWED;
        }
        return verdict.get();
    }

    /**
     * No rule answered: the semantic cache (a near enough question answered before, without the
     * LLM), else the tenant's LLM (told the message as the input guardrails left it; its answer is
     * kept in the cache for the next one), else the fallback.
     */
    private Uni<Answer> cachedOrLlm(TurnRequest request, Retrieved found, Steps steps, String authorization,
            CatalogClient.Verdict input, String language) {
        boolean withCache = found.vector().isPresent() && config.turn().catalogEnabled();
        Uni<Optional<Optional<String>>> cached = !withCache ? Uni.createFrom().item(Optional.of(Optional.empty()))
                : steps.time("cache", () -> catalog.cached(steps.budget(), authorization, found.vector().get(), embeddings.model(), versionOf(found),
                        language));
        String asked = input.text() != null && "redact".equals(input.outcome()) ? input.text() : request.message();
        return cached.flatMap(hit -> {
            if (hit.isEmpty()) {
                steps.degrade("cache");
            } else if (hit.get().isPresent()) {
                return Uni.createFrom().item(new Answer(hit.get().get(), "cache", null));
            }
            io.vertx.core.json.JsonArray told = prompt(new TurnRequest(asked), found, DialoguePrompt.notes(steps.scenario, steps.templates));
            return steps.time("llm", () -> steps.onToken() == null
                    ? configs.complete(steps.budget(), authorization, told, 400, config.turn().llmTimeout())
                    : configs.stream(steps.budget(), authorization, told, 400, config.turn().llmTimeout(), steps.onToken())).map(outcome -> {
                        if (outcome.completion() != null) {
                            found.vector().filter(v -> withCache).ifPresent(v -> catalog.remember(CallBudget.unbounded(), authorization, asked, outcome.completion().content(), v,
                                    embeddings.model(), versionOf(found), language).subscribe().with(kept -> {
                                    }, e -> {
                                    }));
                            return new Answer(outcome.completion().content(), "llm", outcome.completion());
                        }
                        if (outcome.failed()) {
                            steps.degrade("llm");
                        }
                        // The deterministic responder: the scenario step's own words, else a FALLBACK template, else the fallback.
                        return steps.scenario.step().flatMap(ScenarioDefinition.Step::response)
                                .map(text -> new Answer(text, "step", null))
                                .or(() -> steps.templates.fallback().map(t -> new Answer(t.text(), "template", null)))
                                .orElseGet(() -> new Answer(config.turn().fallbackResponse(), "fallback", null));
                    });
        });
    }

    /** The output guardrails on the answer: a block replaces it with the fallback message, a redaction masks it. */
    private Uni<Answer> guardOutput(Answer answer, Session session, Steps steps, String authorization) {
        if (!config.turn().catalogEnabled()) {
            return Uni.createFrom().item(answer);
        }
        // Not bounded by the turn's deadline (only by its own call timeout): an answer written just
        // before the deadline must still be judged before it goes out, not sent unguarded.
        return steps.time("guardrails_output", () -> catalog.guard(CallBudget.unbounded(), authorization, answer.text(), "output",
                session.channel(),
                session.variables())).map(verdict -> {
                    if (verdict.isEmpty()) {
                        if (!steps.degraded().contains("guardrails")) {
                            steps.degrade("guardrails");
                        }
                        return answer;
                    }
                    String outcome = verdict.get().outcome();
                    if (outcome.equals("block") || outcome.equals("redact")) {
                        return new Answer(verdict.get().text(), answer.source(), answer.completion(), verdict.get());
                    }
                    return new Answer(answer.text(), answer.source(), answer.completion(), verdict.get());
                });
    }

    /** The turn's answer: its text, where it came from ({@code rule}, {@code llm}, {@code fallback}), the LLM's completion. */
    private record Answer(String text, String source, ConfigClient.Completion completion, CatalogClient.Verdict output) {

        Answer(String text, String source, ConfigClient.Completion completion) {
            this(text, source, completion, null);
        }
    }

    /**
     * What the tenant's LLM is told when no rule answers: to answer as the business's assistant, the
     * customer's closest memories (what they said before), and the message. config-service holds the
     * model and key; the tokens count against the tenant's monthly budget.
     */
    static io.vertx.core.json.JsonArray prompt(TurnRequest request, Retrieved found, Optional<String> dialogueNotes) {
        StringBuilder system = new StringBuilder("You are this business's customer assistant. Answer the customer's message "
                + "briefly and kindly, in their language. If you cannot help, say that a colleague will follow up.");
        dialogueNotes.ifPresent(text -> system.append("\n\n").append(text));
        if (!found.memories().isEmpty()) {
            system.append("\n\nWhat this customer told us before:");
            found.memories().forEach(m -> system.append("\n- ").append(m.content()));
        }
        if (!found.offerings().isEmpty()) {
            system.append("\n\nWhat we sell that may be relevant (mention only if it helps):");
            found.offerings().forEach(o -> system.append("\n- ").append(o.name())
                    .append(o.description() == null || o.description().isBlank() ? "" : ": " + o.description()));
        }
        return new io.vertx.core.json.JsonArray()
                .add(new io.vertx.core.json.JsonObject().put("role", "system").put("content", system.toString()))
                .add(new io.vertx.core.json.JsonObject().put("role", "user").put("content", request.message()));
    }

    private Uni<TurnResult> finish(UUID tenant, Session session, TurnRequest request, Retrieved found, Steps steps,
            long started, String authorization, Optional<RuleHit> rule, Answer answer, CatalogClient.Verdict input) {
        String response = answer.text();
        String source = answer.source();
        ScenarioTurn scenario = steps.scenario;
        Optional<ScenarioHit> entered = scenario.entered();
        UUID customer = found.customer().orElse(session.customerProfileId());
        List<SlotExtractors.Extracted> extracted = SlotExtractors.extract(request.message());

        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("rules", found.rules().stream().map(r -> Map.of("name", String.valueOf(r.name()), "score", r.score())).toList());
        decision.put("chosen_rule", rule.map(RuleHit::name).orElse(null));
        decision.put("scenario_entered", entered.map(s -> Map.of("scenario_id", s.scenarioId().toString(), "name",
                String.valueOf(s.name()), "score", s.score())).orElse(null));
        decision.put("scenario_step", scenario.decision());
        decision.put("migration", scenario.migrationRecord());
        decision.put("template", DialoguePrompt.chosenTemplate(steps.templates, source));
        decision.put("variables", steps.variables.decision());
        decision.put("variables_refused", steps.variables.applyTo(session.variables()).refused());
        decision.put("memories", found.memories().stream().map(m -> Map.of("episode_id", m.episodeId().toString(),
                "similarity", m.similarity())).toList());
        decision.put("slots", extracted.stream().map(x -> Map.of("key", x.key(), "value", x.value(), "confidence",
                x.confidence())).toList());
        decision.put("response_source", source);
        decision.put("bot", found.bot().map(b -> Map.of("bot_id", b.botId().toString(), "bot_version_id", b.versionId().toString()))
                .orElse(null));
        decision.put("offerings", found.offerings().stream().map(o -> Map.of("offering_id", o.offeringId().toString(),
                "name", String.valueOf(o.name()), "score", o.score())).toList());
        decision.put("faq", found.faq().stream().map(f -> Map.of("faq_id", f.faqId().toString(), "similarity", f.similarity())).toList());
        decision.put("guardrails", Map.of("input", Map.of("outcome", input.outcome(), "fired", input.fired()), "output",
                answer.output() == null ? Map.of() : Map.of("outcome", answer.output().outcome(), "fired", answer.output().fired())));
        if (answer.completion() != null) {
            Map<String, Object> llm = new LinkedHashMap<>();
            llm.put("model", String.valueOf(answer.completion().model()));
            llm.put("input_tokens", answer.completion().inputTokens());
            llm.put("output_tokens", answer.completion().outputTokens());
            llm.put("estimated_cost_usd", answer.completion().costUsd());
            decision.put("llm", llm);
        }
        decision.put("embedding_model", found.vector().isPresent() ? embeddings.model() : null);
        decision.put("degraded", steps.degraded());
        decision.put("circuit_open", steps.budget().circuitsOpen());
        decision.put("trace_id", steps.traceId());
        decision.put("deadline_reached", steps.budget().deadlineReached());
        decision.put("latency_ms", steps.latencies());

        UUID decisionId = Ids.newId();
        UUID userMessageId = Ids.newId();
        int latencyMs = (int) ((System.nanoTime() - started) / 1_000_000);
        Uni<Integer> stored = tx.inTenant(tenant, conn -> messages.append(conn, tenant, session.sessionId(), userMessageId,
                new MessageCreate(MessageRole.USER, request.message(), Map.of(), null, null, null, null, null, null, null))
                .flatMap(user -> {
                    if (user.isEmpty()) {
                        throw NotFoundException.of("session", session.sessionId());
                    }
                    return fillSlots(conn, tenant, session.sessionId(), userMessageId, extracted);
                })
                .flatMap(filled -> messages.append(conn, tenant, session.sessionId(), Ids.newId(), new MessageCreate(
                        MessageRole.ASSISTANT, response, Map.of("decision_id", decisionId.toString(), "response_source", source),
                        null, answer.completion() == null ? null : answer.completion().model(),
                        answer.completion() == null ? null : answer.completion().inputTokens(),
                        answer.completion() == null ? null : answer.completion().outputTokens(), null, null, latencyMs)))
                .flatMap(assistant -> decisions.nextTurnNumber(conn, tenant, session.sessionId()))
                .call(number -> decisions.insert(conn, tenant, decisionId, session.sessionId(), userMessageId, versionOf(found),
                        "turn", decision, answer.completion() == null ? null : answer.completion().costUsd(), latencyMs)));
        Instant now = Instant.now();
        UUID botId = found.bot().map(CatalogClient.BotScope::botId).orElse(null);
        UUID botVersionId = versionOf(found);
        // The step moves only from where this turn found it: a concurrent turn that moved it first wins.
        // The variables' policies are applied to the session as the compare-and-set finds it (a retry re-applies them).
        VariableUpdates variables = steps.variables;
        return stored.flatMap(turnNumber -> sessions.recordTurn(session.sessionId(), latest -> {
            // The step moves (and a migration applies) only from where this turn found the session.
            boolean moves = scenario.moved() && java.util.Objects.equals(latest.activeScenarioId(), session.activeScenarioId())
                    && java.util.Objects.equals(latest.activeScenarioVersion(), session.activeScenarioVersion())
                    && java.util.Objects.equals(latest.currentStepId(), session.currentStepId());
            Map<String, Object> before = moves && scenario.clearsVariables() ? Map.of() : latest.variables();
            Map<String, Object> applied = variables.updates().isEmpty() ? before : variables.applyTo(before).variables();
            Session current = applied == latest.variables() || !sessions.variablesFit(applied) ? latest : latest.withVariables(applied);
            if (moves && scenario.migrationRecord() != null) {
                current = current.withPendingMigration(scenario.migrationRecord());
            }
            return moves
                            ? current.afterTurn(customer, botId, botVersionId, scenario.scenarioId(), scenario.version(), scenario.stepId(), now)
                            : current.afterTurn(customer, botId, botVersionId, current.activeScenarioId(),
                                    current.activeScenarioVersion(), current.currentStepId(), now);
        })
                .invoke(updated -> handOver(tenant, updated, request, response, found, turnNumber, latencyMs, decision,
                        authorization, steps))
                .map(updated -> new TurnResult(updated.sessionId(), decisionId, response, source, updated.version(), updated.customerProfileId(),
                        updated.activeScenarioId(), updated.currentStepId(), steps.degraded(), decision)));
    }

    /** The slots the message filled, each with its confidence, the message it came from and the slot TTL. */
    private Uni<Void> fillSlots(io.vertx.mutiny.sqlclient.SqlConnection conn, UUID tenant, UUID sessionId, UUID messageId,
            List<SlotExtractors.Extracted> extracted) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        long ttl = config.turn().slotTtl().toSeconds();
        for (SlotExtractors.Extracted x : extracted) {
            chain = chain.flatMap(v -> slots.upsert(conn, tenant, sessionId, Ids.newId(), x.key(),
                    new SlotSet(x.value(), x.confidence(), ttl, messageId)).replaceWithVoid());
        }
        return chain;
    }

    /** The turn's episode to memory-service and its record to the audit stream; nothing waits for either. */
    private void handOver(UUID tenant, Session session, TurnRequest request, String response, Retrieved found, int turnNumber,
            int latencyMs, Map<String, Object> decision, String authorization, Steps steps) {
        if (session.customerProfileId() != null && found.vector().isPresent()) {
            // As a step of the turn (its own span, on the request's context): the session's
            // compare-and-set may have retried on another thread, which carries no trace.
            steps.time("episode", () -> memories.recordTurn(CallBudget.unbounded(), authorization, session.agentId(),
                    session.customerProfileId(), session.sessionId(), "Customer: " + request.message() + "\nAgent: " + response,
                    found.vector().get(), embeddings.model()))
                    .subscribe().with(ok -> {
                    }, e -> LOG.debugf("turn episode not recorded: %s", e.toString()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("session_id", session.sessionId());
        data.put("turn_number", turnNumber);
        data.put("user_message", request.message());
        data.put("assistant_response", response);
        data.put("rules_matched", decision.get("rules"));
        data.put("scenario_state", Map.of("scenario_id", String.valueOf(session.activeScenarioId()), "step_id",
                String.valueOf(session.currentStepId())));
        data.put("latency_ms", latencyMs);
        data.put("agent_id", session.agentId());
        data.put("profile_id", session.customerProfileId());
        data.put("trace_id", decision.get("trace_id"));
        steps.time("audit", () -> audit.publish(AuditRecord.of(AuditKind.TURN_RECORD, tenant, data))).subscribe().with(id -> {
        }, e -> LOG.warnf("turn record of session %s not published: %s", session.sessionId(), e.toString()));
    }

    private static Optional<String> responseOf(RuleHit rule) {
        for (String key : RESPONSE_KEYS) {
            Object value = rule.actionConfig() == null ? null : rule.actionConfig().get(key);
            if (value instanceof String text && !text.isBlank()) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    /** The turn's bookkeeping: how long each step took, and which dependencies were skipped. */
    private static final class Steps {
        private final Map<String, Long> latencies = Collections.synchronizedMap(new LinkedHashMap<>());
        private final List<String> degraded = Collections.synchronizedList(new ArrayList<>());
        private final CallBudget budget;
        private final Consumer<String> onToken;
        private final Tracer tracer;
        private final Context trace;
        private final io.vertx.core.Context request;
        /** Where the turn leaves the session in its scenario (set before the answer is chosen). */
        volatile ScenarioTurn scenario = ScenarioTurn.none();
        /** The agent's templates for where the session is (set with the scenario step). */
        volatile TemplateChoice templates = TemplateChoice.none();
        /** The agent's variables this turn sets (by their update policies, at the compare-and-set). */
        volatile VariableUpdates variables = VariableUpdates.none();

        Steps(CallBudget budget, Consumer<String> onToken, Tracer tracer, Context trace, io.vertx.core.Context request) {
            this.budget = budget;
            this.onToken = onToken;
            this.tracer = tracer;
            this.trace = trace;
            this.request = request;
        }

        /** The trace the turn runs in (its request's), for the decision and the audit record; null without one. */
        String traceId() {
            SpanContext span = Span.fromContext(trace).getSpanContext();
            return span.isValid() ? span.getTraceId() : null;
        }

        /** Where the LLM's words go as they arrive; null when the turn is not streamed. */
        Consumer<String> onToken() {
            return onToken;
        }

        /** The turn's deadline, which every call to another service shares. */
        CallBudget budget() {
            return budget;
        }

        /**
         * Runs {@code call} when subscribed, as a span {@code turn.<step>} of the turn's trace (the
         * calls it makes carry that trace on), and keeps how long it took until its item.
         */
        <T> Uni<T> time(String step, Supplier<Uni<T>> call) {
            return Uni.createFrom().<T> emitter(emitter -> {
                long start = System.nanoTime();
                Span span = tracer.spanBuilder("turn." + step).setParent(trace).startSpan();
                // Subscribed on the request's Vert.x context, inside the span's scope: the web client
                // takes the trace context from the Vert.x context it sends from, and a step after the
                // in-process embedding or another call's answer would otherwise run on one with none.
                Runnable subscribe = () -> {
                    try (Scope ignored = span.makeCurrent()) {
                        call.get().subscribe().with(item -> {
                            latencies.put(step, (System.nanoTime() - start) / 1_000_000);
                            span.end();
                            emitter.complete(item);
                        }, failure -> {
                            span.recordException(failure);
                            span.end();
                            emitter.fail(failure);
                        });
                    }
                };
                if (request == null || io.vertx.core.Vertx.currentContext() == request) {
                    subscribe.run();
                } else {
                    request.runOnContext(ignored -> subscribe.run());
                }
            });
        }

        <T> List<T> orDegraded(String dependency, Optional<List<T>> found) {
            if (found.isEmpty()) {
                degrade(dependency);
            }
            return found.orElse(List.of());
        }

        void degrade(String dependency) {
            degraded.add(dependency);
        }

        /** The steps skipped, then each dependency whose open circuit breaker skipped a call. */
        List<String> degraded() {
            List<String> all;
            synchronized (degraded) {
                all = new ArrayList<>(degraded);
            }
            budget.circuitsOpen().stream().filter(d -> !all.contains(d)).forEach(all::add);
            return List.copyOf(all);
        }

        Map<String, Long> latencies() {
            synchronized (latencies) {
                return Map.copyOf(latencies);
            }
        }
    }
}
