package dev.agentry.conversation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Everything conversation-service can be told, under {@code agentry.conversation}. */
@ConfigMapping(prefix = "agentry.conversation")
public interface ConversationServiceConfig {

    /** Time to live of {@code session:hot:<id>}, slid by every write (the seed: 30 min). */
    @WithDefault("PT30M")
    Duration hotTtl();

    /**
     * Time to live of {@code session:persist:<id>} and of the {@code session:index:*} keys, refreshed by
     * every write (the seed: 7 days).
     */
    @WithDefault("P7D")
    Duration persistTtl();

    /** Largest {@code variables} object of a session, in bytes of its JSON; a larger one is a 400. */
    @WithDefault("65536")
    int maxVariablesBytes();

    /** Monthly partitions of {@code messages} made ahead at start and then daily. */
    @WithDefault("3")
    int partitionMonthsAhead();

    /** Longest checkpoint chain one request walks (a chain is a thread's history, newest first). */
    @WithDefault("1000")
    int maxChainLength();

    /** Largest {@code ttl_seconds} of a context slot (a slot without one lives as long as its session). */
    @WithDefault("31536000")
    long maxSlotTtlSeconds();

    /** The turn pipeline: its deadline, and the services it calls. */
    Turn turn();

    /** The support desk's defaults (a tenant's support settings replace them). */
    Support support();

    /** The sync of tickets with Zendesk and Jira. */
    Sync sync();

    /** Secrets at rest (connector credentials): the same master key scheme as config-service's. */
    Secrets secrets();

    interface Secrets {

        /** AES-256-GCM master key, base64 of 32 bytes; without it connectors cannot be saved or used. */
        java.util.Optional<String> masterKey();

        /** Names the master key in every ciphertext. */
        @WithDefault("k1")
        String keyId();

        /** Former master keys by id: they still open, never seal. */
        java.util.Map<String, String> retiredKeys();
    }

    interface Sync {

        /** How often due outbound changes are pushed; 0 turns the worker off. */
        @WithDefault("PT5S")
        Duration interval();

        /** How often each connector is polled for changes made in the external system; 0 turns polling off. */
        @WithDefault("PT1M")
        Duration pollInterval();

        /** Outbound changes one run takes per tenant. */
        @WithDefault("50")
        int batchSize();

        /** How long one call to Zendesk or Jira may take. */
        @WithDefault("PT10S")
        Duration callTimeout();

        /** The first retry's delay; each failure doubles it, up to {@link #maxBackoff()}. */
        @WithDefault("PT5S")
        Duration initialBackoff();

        @WithDefault("PT15M")
        Duration maxBackoff();

        /** How long a claimed change is kept from other workers while it is being pushed. */
        @WithDefault("PT2M")
        Duration claimTimeout();
    }

    interface Support {

        /**
         * Escalation keywords of a tenant that has set none (the seed's examples). Matched on word
         * boundaries, ignoring case and accents; a trailing {@code *} matches any ending
         * ({@code возврат*} also finds "возврата").
         */
        @WithDefault("refund,lawsuit,возврат*")
        java.util.List<String> escalationKeywords();

        /** What a customer asking for a person says, for a tenant that has set none. */
        @WithDefault("human,real person,live agent,speak to someone,talk to someone,speak to a person,talk to a person,"
                + "nói chuyện với nhân viên,gặp nhân viên,оператор*,живой человек")
        java.util.List<String> humanRequestPhrases();

        /**
         * Whether escalation webhooks may reach loopback, link-local and private addresses. Off: a
         * tenant's URL could otherwise reach the cluster's own services (SSRF). Tests turn it on.
         */
        @WithDefault("false")
        boolean allowPrivateHosts();

        /** How long an escalation webhook may take. */
        @WithDefault("PT5S")
        Duration webhookTimeout();

        /** How long the tenant's LLM may take to write an answer; past it the quoted answer is stored. */
        @WithDefault("PT20S")
        Duration llmTimeout();
    }

    /**
     * The transport of each dependency's hot calls: profile resolve; rule match, scenario match and
     * the runtime config; episode search; offering and FAQ search. The others (guardrails, the
     * semantic cache, bots, the turn's episode, the LLM) are REST only.
     */
    interface Transports {

        // The defaults are what measured faster in bench/grpc (docs/benchmarks.md, "gRPC and REST"):
        // profile resolve and config-service's three calls over gRPC; episode, offering and FAQ search
        // were no faster over gRPC than over REST, so they stay on REST.
        @WithDefault("grpc")
        Transport profile();

        @WithDefault("grpc")
        Transport config();

        @WithDefault("rest")
        Transport memory();

        @WithDefault("rest")
        Transport catalog();

        /** The transport of {@code dependency}'s hot calls; REST for the LLM. */
        default Transport of(dev.agentry.conversation.dependency.Dependency dependency) {
            return switch (dependency) {
                case PROFILE -> profile();
                case CONFIG -> config();
                case MEMORY -> memory();
                case CATALOG -> catalog();
                case LLM -> Transport.REST;
            };
        }
    }

    /** How a dependency is called. */
    enum Transport {
        REST, GRPC
    }

    /** A dependency's circuit breaker (SmallRye Fault Tolerance's semantics). */
    interface Breaker {

        /** The rolling window: the dependency's last this many calls are judged. */
        @WithDefault("10")
        int requestVolumeThreshold();

        /** The share of failed calls in a full window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker skips the dependency before one call tries it again. */
        @WithDefault("PT5S")
        Duration delay();

        /** Trial calls that must succeed, half-open, to close it again. */
        @WithDefault("1")
        int successThreshold();
    }

    interface Turn {

        /** config-service's base URL (rule and scenario match). */
        @WithDefault("http://127.0.0.1:8081")
        String configUrl();

        /** profile-service's base URL (resolve by channel identity). */
        @WithDefault("http://127.0.0.1:8084")
        String profileUrl();

        /** catalog-service's base URL (bot, FAQ, guardrails, the semantic cache). */
        @WithDefault("http://127.0.0.1:8085")
        String catalogUrl();

        /**
         * Whether turns use catalog-service at all. Off for a deployment without it (no bots, FAQ,
         * guardrails or cache): the turn skips those steps instead of trying each and naming it
         * degraded on every turn.
         */
        @WithDefault("true")
        boolean catalogEnabled();

        /**
         * The language of a message that names none (neither the request nor the session variable
         * {@code language}): the semantic cache keeps and finds answers per language.
         */
        @WithDefault("en")
        String defaultLanguage();

        /** memory-service's base URL (episode search, the turn's episode). */
        @WithDefault("http://127.0.0.1:8082")
        String memoryUrl();

        /**
         * How long one call to another service may take; past it the turn goes on without that
         * dependency and names it in {@code degraded}.
         */
        @WithDefault("PT0.8S")
        Duration callTimeout();

        /**
         * How long a turn may spend on calls to other services, all of them (the LLM's included):
         * each call takes its own timeout, but never past this, and a call due after it is not made
         * (its step is degraded). Storing the turn comes after and is not cut short.
         */
        @WithDefault("PT2S")
        Duration deadline();

        /** The circuit breaker of each dependency (profile, config, memory, catalog, llm), each on its own. */
        Breaker breaker();

        /**
         * How each dependency's hot calls travel: {@code grpc} (to {@code quarkus.grpc.clients.<name>},
         * the service's HTTP port) or {@code rest} (to its URL). The defaults are what measured faster
         * (docs/benchmarks.md, "gRPC and REST"); both are tested.
         */
        Transports transport();

        /** The lowest rule-match score whose action answers the turn. */
        @WithDefault("0.55")
        double ruleThreshold();

        /** The lowest FAQ {@code vector_similarity} whose answer answers the turn (catalog-service's paraphrase test: above 0.7). */
        @WithDefault("0.8")
        double faqThreshold();

        /** The lowest scenario-match score that enters a scenario. */
        @WithDefault("0.6")
        double scenarioThreshold();

        /** Memories retrieved for the customer per turn. */
        @WithDefault("3")
        int memories();

        /** How long a context slot a turn extracted from a message lives. */
        @WithDefault("PT24H")
        Duration slotTtl();

        /**
         * How long the tenant's LLM may take to answer a turn no rule answered (never past the turn's
         * {@link #deadline()}); past it, the fallback. Streamed, how long each next piece may take.
         */
        @WithDefault("PT10S")
        Duration llmTimeout();

        /** What the turn answers when no rule matched and the tenant has no LLM (or it failed). */
        @WithDefault("Thank you for your message. A colleague will get back to you shortly.")
        String fallbackResponse();
    }
}
