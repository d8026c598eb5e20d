package dev.agentry.conversation.connector;

import dev.agentry.common.audit.AuditKind;
import dev.agentry.common.audit.AuditPublisher;
import dev.agentry.common.audit.AuditRecord;
import dev.agentry.common.blocking.Offload;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.id.Ids;
import dev.agentry.common.secret.SecretCipher;
import dev.agentry.conversation.ConversationServiceConfig;
import dev.agentry.conversation.support.OutboundAddresses;
import dev.agentry.conversation.sync.OutboxEntry;
import dev.agentry.conversation.sync.SyncOutboxStore;
import dev.agentry.conversation.ticket.Ticket;
import dev.agentry.conversation.ticket.TicketMessageService;
import dev.agentry.conversation.ticket.TicketService;
import dev.agentry.conversation.ticket.TicketStatus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Keeps tickets in step with Zendesk and Jira, on two timers: pushing the outbox (every
 * {@code agentry.conversation.sync.interval}) and pulling each connector's changes (every
 * {@code poll-interval}). One push run per tenant and system is one sync run: an
 * {@code integration_sync_logs} record on the audit stream (outbound; success, or failed with the
 * first error and the number pushed). A failed change stays in the outbox with an exponential
 * backoff, so none is lost; a create first looks for the external ticket an earlier attempt may
 * have made (by our ticket id), so a retry never makes a second. Several instances may run this:
 * claims keep them off each other's rows.
 */
@ApplicationScoped
public class SyncWorker {

    private static final Logger LOG = Logger.getLogger(SyncWorker.class);

    private enum Outcome {
        DONE, POSTPONED
    }

    @Inject
    Vertx vertx;

    @Inject
    TenantTransactions tx;

    @Inject
    SyncOutboxStore outbox;

    @Inject
    ConnectorStore connectors;

    @Inject
    SecretCipher cipher;

    @Inject
    Instance<Tracker> trackers;

    @Inject
    TicketService tickets;

    @Inject
    TicketMessageService messages;

    @Inject
    AuditPublisher audit;

    @Inject
    ConversationServiceConfig config;

    private final AtomicBoolean pushing = new AtomicBoolean();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final List<Long> timers = new ArrayList<>();

    void start(@Observes StartupEvent event) {
        long push = config.sync().interval().toMillis();
        if (push > 0) {
            timers.add(vertx.setPeriodic(push, id -> runOnce(pushing, this::pushDue, "push")));
        }
        long poll = config.sync().pollInterval().toMillis();
        if (poll > 0) {
            timers.add(vertx.setPeriodic(poll, id -> runOnce(polling, this::pollAll, "poll")));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        timers.forEach(vertx::cancelTimer);
    }

    private void runOnce(AtomicBoolean running, java.util.function.Supplier<Uni<Integer>> work, String what) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        work.get().subscribe().with(n -> running.set(false), failure -> {
            running.set(false);
            LOG.errorf(failure, "ticket sync %s failed", what);
        });
    }

    /** Pushes every tenant's due changes; answers how many went out. */
    public Uni<Integer> pushDue() {
        return tx.withoutTenant(outbox::tenantsWithDueWork).flatMap(tenants -> Multi.createFrom().iterable(tenants)
                .onItem().transformToUniAndConcatenate(this::pushTenant).collect().asList()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum()));
    }

    private Uni<Integer> pushTenant(UUID tenant) {
        return tx.inTenant(tenant, conn -> outbox.claim(conn, tenant, config.sync().batchSize(), config.sync().claimTimeout()))
                .flatMap(claimed -> {
                    Map<String, List<OutboxEntry>> bySystem = new LinkedHashMap<>();
                    claimed.forEach(e -> bySystem.computeIfAbsent(e.system(), s -> new ArrayList<>()).add(e));
                    return Multi.createFrom().iterable(bySystem.entrySet())
                            .onItem().transformToUniAndConcatenate(e -> pushRun(tenant, ConnectorSystem.of(e.getKey()), e.getValue()))
                            .collect().asList().map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
                });
    }

    /** One sync run: the tenant's claimed changes for one system, in order, then its log record. */
    private Uni<Integer> pushRun(UUID tenant, ConnectorSystem system, List<OutboxEntry> entries) {
        Instant started = Instant.now();
        List<String> errors = new ArrayList<>();
        return account(tenant, system).flatMap(account -> {
            if (account.isEmpty()) {
                // The connector was removed or turned off: its queued changes have nowhere to go.
                return Multi.createFrom().iterable(entries).onItem()
                        .transformToUniAndConcatenate(e -> tx.inTenant(tenant, conn -> outbox.done(conn, tenant, e.id())))
                        .collect().asList().replaceWith(0);
            }
            Tracker tracker = tracker(system);
            return Multi.createFrom().iterable(entries).onItem().transformToUniAndConcatenate(entry -> push(tenant, tracker,
                    account.get(), entry)
                    .flatMap(outcome -> tx.inTenant(tenant, conn -> outcome == Outcome.DONE ? outbox.done(conn, tenant, entry.id())
                            : outbox.postpone(conn, tenant, entry.id(), config.sync().initialBackoff())).replaceWith(outcome == Outcome.DONE))
                    .onFailure().recoverWithUni(failure -> {
                        errors.add(entry.kind() + " of ticket " + entry.ticketId() + ": " + failure.getMessage());
                        return tx.inTenant(tenant, conn -> outbox.retry(conn, tenant, entry.id(), backoff(entry.attempts()),
                                failure.getMessage())).replaceWith(false);
                    }))
                    .collect().asList().map(done -> (int) done.stream().filter(d -> d).count())
                    .call(pushed -> log(tenant, system, "outbound", started, pushed, errors));
        });
    }

    private Uni<Outcome> push(UUID tenant, Tracker tracker, Tracker.Account account, OutboxEntry entry) {
        ConnectorSystem system = tracker.system();
        return tickets.find(tenant, entry.ticketId()).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Outcome.DONE); // the ticket is gone: nothing to say about it
            }
            Ticket ticket = found.get();
            return tx.inTenant(tenant, conn -> connectors.ref(conn, tenant, ticket.id(), system)).flatMap(ref -> switch (entry.kind()) {
                case "create" -> ref.isPresent() ? Uni.createFrom().item(Outcome.DONE)
                        : tracker.findMadeFor(account, ticket.id())
                                .flatMap(made -> made.isPresent() ? Uni.createFrom().item(made.get()) : tracker.create(account, ticket))
                                .flatMap(external -> tx.inTenant(tenant, conn -> connectors.link(conn, tenant, Ids.newId(), ticket.id(),
                                        system, external.id(), external.url())))
                                .replaceWith(Outcome.DONE);
                case "status" -> ref.isEmpty() ? waitForCreate(tenant, entry)
                        : tracker.setStatus(account, ref.get().externalId(),
                                TicketStatus.valueOf(String.valueOf(entry.payload().get("status")).toUpperCase(Locale.ROOT)))
                                .replaceWith(Outcome.DONE);
                default -> ref.isEmpty() ? waitForCreate(tenant, entry)
                        : tracker.comment(account, ref.get().externalId(), String.valueOf(entry.payload().get("role")),
                                String.valueOf(entry.payload().get("content"))).replaceWith(Outcome.DONE);
            });
        });
    }

    /** An update of a ticket whose external ticket is not made yet waits for it; with no create coming, it is dropped. */
    private Uni<Outcome> waitForCreate(UUID tenant, OutboxEntry entry) {
        return tx.inTenant(tenant, conn -> outbox.pending(conn, tenant, entry.ticketId())).map(pending -> pending.stream()
                .anyMatch(p -> p.kind().equals("create") && p.system().equals(entry.system())) ? Outcome.POSTPONED : Outcome.DONE);
    }

    /** Pulls every enabled connector's changes since its cursor; answers how many were applied. */
    public Uni<Integer> pollAll() {
        return tx.withoutTenant(connectors::tenantsWithEnabledConnectors)
                .flatMap(tenants -> Multi.createFrom().iterable(tenants).onItem().transformToUniAndConcatenate(this::pollTenant)
                        .collect().asList().map(counts -> counts.stream().mapToInt(Integer::intValue).sum()));
    }

    private Uni<Integer> pollTenant(UUID tenant) {
        return tx.inTenant(tenant, conn -> connectors.list(conn, tenant)).flatMap(list -> Multi.createFrom().iterable(list)
                .select().where(Connector::enabled)
                .onItem().transformToUniAndConcatenate(c -> poll(tenant, c))
                .collect().asList().map(counts -> counts.stream().mapToInt(Integer::intValue).sum()));
    }

    private Uni<Integer> poll(UUID tenant, Connector connector) {
        Instant started = Instant.now();
        Tracker tracker = tracker(connector.system());
        return account(tenant, connector.system()).flatMap(account -> account.isEmpty() ? Uni.createFrom().item(0)
                : tracker.changesSince(account.get(), connector.pollCursor())
                        .flatMap(changes -> Multi.createFrom().iterable(changes.changes())
                                .onItem().transformToUniAndConcatenate(change -> applyInbound(tenant, connector.system(), change))
                                .collect().asList()
                                .call(applied -> tx.inTenant(tenant, conn -> connectors.moveCursor(conn, tenant, connector.system(),
                                        changes.nextCursor())))
                                .map(applied -> (int) applied.stream().filter(a -> a).count()))
                        .call(applied -> log(tenant, connector.system(), "inbound", started, applied, List.of()))
                        .onFailure().recoverWithUni(failure -> log(tenant, connector.system(), "inbound", started, 0,
                                List.of(failure.getMessage())).replaceWith(0)));
    }

    /** A change made in the external system, applied here when it names a linked ticket; whether anything changed. */
    public Uni<Boolean> applyInbound(UUID tenant, ConnectorSystem system, Tracker.InboundChange change) {
        return tx.inTenant(tenant, conn -> connectors.byExternalId(conn, tenant, system, change.externalId())).flatMap(ref -> {
            if (ref.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            UUID ticketId = ref.get().ticketId();
            Uni<Boolean> moved = change.status() == null ? Uni.createFrom().item(false)
                    : tickets.applyExternalStatus(tenant, ticketId, change.status(), system.wire());
            return moved.flatMap(m -> change.comment() == null || change.comment().isBlank() ? Uni.createFrom().item(m)
                    : messages.addExternalComment(tenant, ticketId, system.wire(), change.comment()).map(c -> m || c));
        });
    }

    /** The connector's account with its credential opened, after checking its host (off the event loop); empty when off. */
    private Uni<Optional<Tracker.Account>> account(UUID tenant, ConnectorSystem system) {
        return tx.inTenant(tenant, conn -> connectors.secrets(conn, tenant, system)).flatMap(found -> {
            if (found.isEmpty() || !found.get().connector().enabled()) {
                return Uni.createFrom().item(Optional.<Tracker.Account> empty());
            }
            ConnectorStore.Secrets s = found.get();
            String host = URI.create(s.connector().baseUrl()).getHost();
            return Offload.toWorker(() -> {
                try {
                    OutboundAddresses.checkResolved(host, config.support().allowPrivateHosts());
                } catch (Exception e) {
                    throw new TrackerException(e.getMessage());
                }
                return Optional.of(new Tracker.Account(s.connector().baseUrl(), s.connector().username(),
                        cipher.openString(tenant, ConnectorService.purpose(system), s.credential(), s.keyId()),
                        s.connector().projectKey()));
            });
        });
    }

    private Tracker tracker(ConnectorSystem system) {
        return trackers.stream().filter(t -> t.system() == system).findFirst().orElseThrow();
    }

    Duration backoff(int attempts) {
        long initial = config.sync().initialBackoff().toMillis();
        long delay = initial << Math.min(attempts, 20);
        return Duration.ofMillis(Math.min(delay, config.sync().maxBackoff().toMillis()));
    }

    /** The run's integration_sync_logs record, through the audit stream; a stream that is down loses only the log line. */
    private Uni<Void> log(UUID tenant, ConnectorSystem system, String direction, Instant started, int processed, List<String> errors) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sync_run_id", Ids.newId());
        data.put("system", system.wire());
        data.put("direction", direction);
        data.put("status", errors.isEmpty() ? "success" : "failed");
        data.put("records_processed", processed);
        data.put("error_message", errors.isEmpty() ? null : String.join("; ", errors));
        data.put("started_at", started);
        data.put("completed_at", Instant.now());
        data.put("metadata_json", Map.of("failures", errors.size()));
        return audit.publish(AuditRecord.of(AuditKind.SYNC_LOG, tenant, data)).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("sync log of tenant %s not published: %s", tenant, e.toString());
                    return null;
                });
    }
}
