package dev.agentry.conversation.turn;

import dev.agentry.common.error.ServiceException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A turn as server-sent events: {@code token} ({@code {"content": "..."}}) for each piece of the
 * LLM's answer as it arrives, or one with the whole answer when something else answered (a rule,
 * the FAQ, the cache, the fallback), then {@code turn} with the same fields as the JSON answer
 * (its {@code response} is the one to keep: the output guardrails may have changed what was
 * streamed), or {@code error} with a problem. The turn runs on its own: a client that goes away
 * stops the events, not the turn, which still completes and is stored.
 */
final class TurnEvents {

    private static final Logger LOG = Logger.getLogger(TurnEvents.class);

    private TurnEvents() {
    }

    record Piece(String content) {
    }

    /** {@code turn} run with a token consumer, its events as a stream. */
    static Multi<OutboundSseEvent> of(Sse sse, Function<Consumer<String>, Uni<TurnResult>> turn) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicBoolean streamed = new AtomicBoolean();
            Consumer<String> onToken = content -> {
                streamed.set(true);
                if (!emitter.isCancelled()) {
                    emitter.emit(event(sse, "token", Piece.class, new Piece(content)));
                }
            };
            // Subscribed here, not by the client's subscription: the client's cancel does not reach the turn.
            turn.apply(onToken).subscribe().with(result -> {
                if (emitter.isCancelled()) {
                    LOG.debugf("turn %s of session %s stored; its client had gone", result.decisionId(), result.sessionId());
                    return;
                }
                if (!streamed.get()) {
                    emitter.emit(event(sse, "token", Piece.class, new Piece(result.response())));
                }
                emitter.emit(event(sse, "turn", TurnResult.class, result));
                emitter.complete();
            }, failure -> {
                if (emitter.isCancelled()) {
                    return;
                }
                ServiceException problem = failure instanceof ServiceException known ? known : null;
                if (problem == null) {
                    LOG.errorf(failure, "streamed turn failed");
                }
                emitter.emit(event(sse, "error", Map.class, Map.of("status", problem == null ? 500 : problem.status(), "type",
                        problem == null ? "internal" : problem.code(), "detail",
                        problem == null ? "the turn failed; retry with the same Idempotency-Key" : String.valueOf(problem.getMessage()))));
                emitter.complete();
            });
        });
    }

    private static <T> OutboundSseEvent event(Sse sse, String name, Class<T> type, T data) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE).data(type, data).build();
    }
}
