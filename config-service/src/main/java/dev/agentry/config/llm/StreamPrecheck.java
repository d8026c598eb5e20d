package dev.agentry.config.llm;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.Priorities;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * What would refuse a streamed completion before its first token (no LLM configured, the model
 * disabled or without an endpoint, the month's tokens used up), checked before the stream starts:
 * an event stream's 200 and headers go out as soon as the resource method returns, so only a filter
 * can still answer the problem with its own status ({@code 409}, {@code 429}). The stream then looks
 * the configuration up again (one short read; the budget may have moved meanwhile, harmlessly).
 */
public class StreamPrecheck {

    /** Marks the streaming resource method this filter guards. */
    @NameBinding
    @Target({ ElementType.TYPE, ElementType.METHOD })
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Streamed {
    }

    @Inject
    ChatCompletionService completions;

    /** After the tenant, the role check and the plan's request count. */
    @Streamed
    @ServerRequestFilter(priority = Priorities.USER + 60)
    public Uni<Void> refuseEarly() {
        return completions.requireCallable();
    }
}
