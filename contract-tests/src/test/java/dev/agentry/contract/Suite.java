package dev.agentry.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite as a user brings it up: config-service (signing tokens with a fresh key pair, creating
 * the platform tenant and its bootstrap API key), then memory-, profile- and audit-service, which
 * verify tokens through config-service's JWKS, and conversation-service, whose turn pipeline calls
 * the others where they run. All publish audit records to a stream of this run
 * (audit-service consumes it), never the local suite's. Started once per test JVM, on a database of its own
 * ({@code agentry_contract}, made by deploy/local/db-setup.sh) whose schemas are dropped first, so
 * the bootstrap runs every time; stopped when the JVM's tests are done.
 */
public final class Suite implements BeforeAllCallback, AutoCloseable {

    private static final String DB_NAME = env("AGENTRY_CONTRACT_DB_NAME", "agentry_contract");
    private static final String[] SCHEMAS = { "config", "memory", "profile", "audit", "catalog", "conversation" };

    private static Suite running;

    private Path root;
    private ServiceProcess config;
    private ServiceProcess memory;
    private ServiceProcess profile;
    private ServiceProcess audit;
    private ServiceProcess catalog;
    private ServiceProcess conversation;
    private String platformApiKey;
    private LlmStandIn llm;
    private Map<String, String> conversationEnv;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (Suite.class) {
            if (running == null) {
                start();
                running = this;
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Suite.class.getName(), this);
            }
        }
    }

    static String configUri() {
        return running.config.baseUri();
    }

    static String memoryUri() {
        return running.memory.baseUri();
    }

    static String profileUri() {
        return running.profile.baseUri();
    }

    static String auditUri() {
        return running.audit.baseUri();
    }

    static String catalogUri() {
        return running.catalog.baseUri();
    }

    static String conversationUri() {
        return running.conversation.baseUri();
    }

    /**
     * A second conversation-service of a test's own, on the suite's database and dependencies, with
     * {@code overrides} on top of the suite's environment (e.g. the catalog turned off); the test
     * closes it.
     */
    static ServiceProcess anotherConversation(String logName, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(running.conversationEnv);
        env.putAll(overrides);
        return ServiceProcess.start(running.root, "conversation-service", logName, env);
    }

    /**
     * Stops the suite's memory-service (a store down during an erasure); {@link #startMemory()} brings
     * it back on the same port, where the other services still call it.
     */
    static void stopMemory() {
        stop("memory-service");
    }

    static void startMemory() {
        start("memory-service");
    }

    /**
     * Stops one of the services the others call ({@code config-service}, {@code memory-service},
     * {@code profile-service}, {@code audit-service}, {@code catalog-service});
     * {@link #start(String)} brings it back on the same port and environment.
     */
    static void stop(String service) {
        running.process(service).close();
    }

    static void start(String service) {
        ServiceProcess restarted = running.process(service).restart();
        switch (service) {
            case "config-service" -> running.config = restarted;
            case "memory-service" -> running.memory = restarted;
            case "profile-service" -> running.profile = restarted;
            case "audit-service" -> running.audit = restarted;
            case "catalog-service" -> running.catalog = restarted;
            default -> throw new IllegalArgumentException(service);
        }
    }

    /** Freezes {@code service} ({@link ServiceProcess#freeze()}): its callers' requests hang. */
    static void freeze(String service) {
        running.process(service).freeze();
    }

    static void thaw(String service) {
        running.process(service).thaw();
    }

    private ServiceProcess process(String service) {
        return switch (service) {
            case "config-service" -> config;
            case "memory-service" -> memory;
            case "profile-service" -> profile;
            case "audit-service" -> audit;
            case "catalog-service" -> catalog;
            case "conversation-service" -> conversation;
            default -> throw new IllegalArgumentException(service);
        };
    }

    /**
     * A JDBC connection to the suite's database as the schema owner, for what no API shows (a
     * decision event's row). Every table has forced row-level security: bind the tenant first with
     * {@code SELECT set_config('app.tenant_id', ?, false)}.
     */
    static Connection database() throws SQLException {
        return DriverManager.getConnection(databaseUrl(), env("AGENTRY_DB_OWNER_USER", "agentry_owner"),
                env("AGENTRY_DB_OWNER_PASSWORD", "agentry_owner"));
    }

    private static String databaseUrl() {
        return "jdbc:postgresql://" + env("AGENTRY_DB_HOST", "127.0.0.1") + ":" + env("AGENTRY_DB_PORT", "5432") + "/" + DB_NAME;
    }

    /** The platform-admin API key config-service's bootstrap wrote, as a user would read it. */
    /** The OpenAI-compatible provider config-service calls for every tenant with an LLM here. */
    static LlmStandIn llm() {
        return running.llm;
    }

    static String platformApiKey() {
        return running.platformApiKey;
    }

    private void start() throws IOException {
        root = Path.of(System.getProperty("agentry.contract.root", "..")).toAbsolutePath().normalize();
        Path work = root.resolve("contract-tests/target/contract-run");
        Files.createDirectories(work);
        dropSchemas();
        Path privateKey = work.resolve("private.pem");
        Path publicKey = work.resolve("public.pem");
        writeKeyPair(privateKey, publicKey);
        Path bootstrapFile = work.resolve("platform-admin.key");
        Files.deleteIfExists(bootstrapFile);

        Map<String, String> common = Map.of("AGENTRY_DB_NAME", DB_NAME,
                "AGENTRY_AUDIT_STREAM_KEY", "agentry-contract:audit:" + java.util.UUID.randomUUID());
        Map<String, String> configEnv = new HashMap<>(common);
        configEnv.put("AGENTRY_JWT_PRIVATE_KEY", privateKey.toUri().toString());
        configEnv.put("AGENTRY_JWT_PUBLIC_KEY", publicKey.toUri().toString());
        configEnv.put("AGENTRY_API_KEY_PEPPER", random(36));
        configEnv.put("AGENTRY_SECRETS_MASTER_KEY", random(32));
        configEnv.put("AGENTRY_BOOTSTRAP", "true");
        configEnv.put("AGENTRY_BOOTSTRAP_FILE", bootstrapFile.toString());
        // The tenants' LLM provider: an OpenAI-compatible stand-in on a local port. The provider URLs
        // are a map setting, passed as a system property through the JVM's own environment variable.
        llm = LlmStandIn.start();
        configEnv.put("JAVA_TOOL_OPTIONS", "-Dagentry.config.llm.provider-urls.openai=" + llm.baseUrl());
        config = ServiceProcess.start(root, "config-service", configEnv);
        platformApiKey = Files.readString(bootstrapFile).strip();

        Map<String, String> verifyingEnv = new HashMap<>(common);
        verifyingEnv.put("AGENTRY_JWT_PUBLIC_KEY", config.baseUri() + "/v1/auth/jwks");
        memory = ServiceProcess.start(root, "memory-service", verifyingEnv);
        profile = ServiceProcess.start(root, "profile-service", verifyingEnv);
        audit = ServiceProcess.start(root, "audit-service", verifyingEnv);
        catalog = ServiceProcess.start(root, "catalog-service", verifyingEnv);
        // The turn pipeline calls the others where they run here.
        conversationEnv = new HashMap<>(verifyingEnv);
        conversationEnv.put("AGENTRY_CONVERSATION_TURN_CONFIG_URL", config.baseUri());
        conversationEnv.put("AGENTRY_CONVERSATION_TURN_PROFILE_URL", profile.baseUri());
        conversationEnv.put("AGENTRY_CONVERSATION_TURN_MEMORY_URL", memory.baseUri());
        conversationEnv.put("AGENTRY_CONVERSATION_TURN_CATALOG_URL", catalog.baseUri());
        // Their gRPC on the same ports. The suite's instance keeps the default transports (profile and
        // config over gRPC, memory and catalog over REST); TurnTransportTest runs the same turns on an
        // instance with everything over gRPC and one with everything over REST.
        for (Map.Entry<String, ServiceProcess> dependency : Map.of("CONFIG", config, "PROFILE", profile, "MEMORY", memory,
                "CATALOG", catalog).entrySet()) {
            conversationEnv.put("QUARKUS_GRPC_CLIENTS_" + dependency.getKey() + "_PORT", Integer.toString(dependency.getValue().port()));
        }
        conversation = ServiceProcess.start(root, "conversation-service", conversationEnv);
    }

    @Override
    public void close() {
        for (ServiceProcess service : new ServiceProcess[] { conversation, catalog, audit, profile, memory, config }) {
            if (service != null) {
                service.close();
            }
        }
        if (llm != null) {
            llm.close();
        }
    }

    private static void dropSchemas() {
        try (Connection c = database(); Statement s = c.createStatement()) {
            s.execute("SET client_min_messages TO warning");
            s.execute("DROP SCHEMA IF EXISTS " + String.join(", ", SCHEMAS) + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset database " + DB_NAME + " (run deploy/local/db-setup.sh): "
                    + e.getMessage(), e);
        }
    }

    private static void writeKeyPair(Path privateKey, Path publicKey) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

}
