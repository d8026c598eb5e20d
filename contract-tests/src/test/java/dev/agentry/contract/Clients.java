package dev.agentry.contract;

import dev.agentry.client.config.api.AuthenticationApi;
import dev.agentry.client.config.api.TenantsApi;
import dev.agentry.client.config.model.ApiKeyCreate;
import dev.agentry.client.config.model.GrantType;
import dev.agentry.client.config.model.TenantCreate;
import dev.agentry.client.config.model.TenantPlan;
import dev.agentry.client.config.model.TokenRequest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Generated clients pointed at the running suite, each with a bearer token, and the one way a new
 * tenant gets a token: the platform admin creates the tenant and an API key, the tenant exchanges
 * it. Nothing here builds a request by hand.
 */
final class Clients {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Clients() {
    }

    static dev.agentry.client.config.ApiClient config(String token) {
        var client = new dev.agentry.client.config.ApiClient();
        client.updateBaseUri(Suite.configUri());
        return client.setReadTimeout(TIMEOUT).setRequestInterceptor(bearer(token));
    }

    static dev.agentry.client.memory.ApiClient memory(String token) {
        var client = new dev.agentry.client.memory.ApiClient();
        client.updateBaseUri(Suite.memoryUri());
        return client.setReadTimeout(TIMEOUT).setRequestInterceptor(bearer(token));
    }

    static dev.agentry.client.profile.ApiClient profile(String token) {
        var client = new dev.agentry.client.profile.ApiClient();
        client.updateBaseUri(Suite.profileUri());
        return client.setReadTimeout(TIMEOUT).setRequestInterceptor(bearer(token));
    }

    static dev.agentry.client.audit.ApiClient audit(String token) {
        var client = new dev.agentry.client.audit.ApiClient();
        client.updateBaseUri(Suite.auditUri());
        return client.setReadTimeout(TIMEOUT).setRequestInterceptor(bearer(token));
    }

    static dev.agentry.client.catalog.ApiClient catalog(String token) {
        var client = new dev.agentry.client.catalog.ApiClient();
        client.updateBaseUri(Suite.catalogUri());
        return client.setReadTimeout(TIMEOUT).setRequestInterceptor(bearer(token));
    }

    static dev.agentry.client.conversation.ApiClient conversation(String token) {
        var client = new dev.agentry.client.conversation.ApiClient();
        client.updateBaseUri(Suite.conversationUri());
        return client.setReadTimeout(TIMEOUT).setRequestInterceptor(bearer(token));
    }

    /**
     * The agent most flows talk to: "Shop", with one rule that answers a refund request ("Refunds are
     * paid back within five working days."); answers its id.
     */
    static UUID shopAgentWithRefundRule(String token) throws Exception {
        var config = config(token);
        UUID agent = new dev.agentry.client.config.api.AgentsApi(config)
                .createAgent(new dev.agentry.client.config.model.AgentCreate().name("Shop").slug("shop")).getId();
        new dev.agentry.client.config.api.RulesApi(config).createAgentRule(agent, new dev.agentry.client.config.model.RuleCreate()
                .name("refund").conditionText("the customer asks for a refund or wants their money back").actionType("respond")
                .actionConfig(java.util.Map.of("response", "Refunds are paid back within five working days.")));
        return agent;
    }

    /** A bot "shop-bot" fronting {@code agent}, with an active first version; answers the bot's id. */
    static UUID activeBot(String token, UUID agent) throws Exception {
        var bots = new dev.agentry.client.catalog.api.BotsApi(catalog(token));
        UUID bot = bots.createBot(new dev.agentry.client.catalog.model.BotCreate().code("shop-bot").name("Shop bot").agentId(agent)).getId();
        UUID version = bots.createBotVersion(bot, new dev.agentry.client.catalog.model.BotVersionCreate()
                .systemPrompt("You help shop customers.").flowConfig(java.util.Map.of())).getId();
        bots.activateBotVersion(bot, version);
        return bot;
    }

    /** Each generated client has its own ApiClient class; they share this request interceptor. */
    private static Consumer<HttpRequest.Builder> bearer(String token) {
        return request -> {
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
        };
    }

    /** The bootstrap platform-admin key, exchanged for a token. */
    static String platformToken() throws Exception {
        return exchange(Suite.platformApiKey());
    }

    /** An API key's token, from {@code POST /v1/auth/token}. */
    static String exchange(String apiKey) throws Exception {
        return new AuthenticationApi(config(null))
                .createAuthToken(new TokenRequest().grantType(GrantType.API_KEY).apiKey(apiKey))
                .getAccessToken();
    }

    /** A new tenant on the {@code pro} plan and a token of its own with {@code roles}. */
    static TenantToken newTenant(List<String> roles) throws Exception {
        TenantsApi tenants = new TenantsApi(config(platformToken()));
        String slug = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        UUID tenantId = tenants.createTenant(new TenantCreate().name("Contract " + slug).slug(slug).plan(TenantPlan.PRO)).getId();
        String key = tenants.createTenantApiKey(tenantId, new ApiKeyCreate().name("contract test").scopes(roles)).getKey();
        return new TenantToken(tenantId, exchange(key));
    }

    record TenantToken(UUID tenantId, String token) {
    }
}
