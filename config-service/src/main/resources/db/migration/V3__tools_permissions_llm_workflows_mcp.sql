-- config-service, schema "config": tools (base tool types, tool configs, agent-tool links),
-- per-tenant permissions, tenant LLM configs with encrypted keys, workflows, MCP servers and their
-- tenant configurations.
--
-- Sources: multi-agent-config-schema.md (base_tools, tool_configs, agent_tools,
-- tenant_agent_permissions, tenant_tool_permissions, tenant_llm_configs),
-- production-stores-data-model.md (tool_activations), agentic-platform-schema-spec.md
-- (workflows, mcp_servers, mcp_server_configs). Departures, and why:
--   * multi-agent's tool_configs and agent_configs are a global catalogue granted to tenants; in
--     Agentry agents and tools belong to a tenant (tenant_id, RLS). The permission tables keep
--     their meaning as the platform's per-tenant switch: a row with enabled = false makes that
--     agent or tool invisible to the tenant (404 everywhere, absent from runtime-config); no row
--     means permitted. Only a platform transaction can write them (is_platform_admin()), so a
--     tenant cannot lift its own restriction. output_override_id still overrides the agent's
--     default output format for the tenant.
--   * production-stores' tool_activations (agent, tool, enabled, policy_overrides) and
--     multi-agent's agent_tools (agent, tool, priority) describe the same link: one table,
--     agent_tools, holds priority (lower first, as the seed says), enabled and policy_overrides.
--     tool_activations.tool_id VARCHAR becomes a reference to tool_configs.
--   * tool_configs.name is unique per tenant (the seed has no uniqueness; the runtime finds tools
--     by name); input_schema must be a valid JSON Schema (checked by the service).
--   * base_tools.type is unique (seed) and seeded with the five types of the seed, with fixed ids.
--   * tenant_llm_configs.encrypted_api_key (Fernet text) is api_key_ciphertext: AES-256-GCM,
--     12-byte IV || ciphertext || tag, with the tenant id bound as associated data so a ciphertext
--     cannot be moved to another tenant; api_key_key_id names the master key for rotation.
--   * mcp_server_configs "config values / environment variables (JSONB - secrets encrypted)" are
--     encrypted whole (config_ciphertext, env_ciphertext); only their key names are kept in clear.
--   * mcp_servers has no tenant_id (a platform registry, as the seed says) and, like llm_models
--     and base_tools, RLS that lets everyone read and only a platform transaction write.
--   * workflows.version is an integer bumped when the definition changes; agent_ids is derived
--     from the definition and every agent must exist in the tenant (checked by the service).
--   * Enumerations are lower-case; times timestamptz; ids UUID v7 made by the application.

CREATE TABLE base_tools (
    id                      uuid PRIMARY KEY,
    type                    varchar(50) NOT NULL CHECK (type ~ '^[A-Z][A-Z0-9_]*$'),
    handler_class           varchar(255) NOT NULL CHECK (length(btrim(handler_class)) > 0),
    description             text,
    default_config_schema   jsonb CHECK (default_config_schema IS NULL OR jsonb_typeof(default_config_schema) = 'object'),
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX uq_base_tools_type ON base_tools (type);

INSERT INTO base_tools (id, type, handler_class, description) VALUES
    ('01900000-0000-7000-8000-000000000001', 'HTTP_GET', 'tools.http.HTTPGetTool', 'HTTP GET request tool'),
    ('01900000-0000-7000-8000-000000000002', 'HTTP_POST', 'tools.http.HTTPPostTool', 'HTTP POST request tool'),
    ('01900000-0000-7000-8000-000000000003', 'RAG', 'tools.rag.RAGTool', 'RAG vector search tool'),
    ('01900000-0000-7000-8000-000000000004', 'DB_QUERY', 'tools.db.DBQueryTool', 'Database query tool'),
    ('01900000-0000-7000-8000-000000000005', 'OCR', 'tools.ocr.OCRTool', 'OCR document processing tool');

CREATE TABLE tool_configs (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name                varchar(100) NOT NULL CHECK (name ~ '^[A-Za-z0-9_-]+$'),
    base_tool_id        uuid NOT NULL REFERENCES base_tools (id),
    config              jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(config) = 'object'),
    input_schema        jsonb NOT NULL CHECK (jsonb_typeof(input_schema) = 'object'),
    output_format_id    uuid,
    description         text,
    enabled             boolean NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, output_format_id) REFERENCES output_formats (tenant_id, id)
        ON DELETE SET NULL (output_format_id)
);
CREATE UNIQUE INDEX uq_tool_configs_tenant_name ON tool_configs (tenant_id, name);
CREATE INDEX idx_tool_configs_tenant_list ON tool_configs (tenant_id, id);
CREATE INDEX idx_tool_configs_base ON tool_configs (base_tool_id);

CREATE TABLE agent_tools (
    tenant_id           uuid NOT NULL,
    agent_id            uuid NOT NULL,
    tool_id             uuid NOT NULL,
    priority            integer NOT NULL,
    enabled             boolean NOT NULL DEFAULT true,
    policy_overrides    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(policy_overrides) = 'object'),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, agent_id, tool_id),
    FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, tool_id) REFERENCES tool_configs (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_agent_tools_agent_priority ON agent_tools (tenant_id, agent_id, priority, tool_id);
CREATE INDEX idx_agent_tools_tool ON agent_tools (tenant_id, tool_id);

CREATE TABLE tenant_agent_permissions (
    tenant_id           uuid NOT NULL,
    agent_id            uuid NOT NULL,
    enabled             boolean NOT NULL DEFAULT true,
    output_override_id  uuid,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, agent_id),
    FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, output_override_id) REFERENCES output_formats (tenant_id, id)
        ON DELETE SET NULL (output_override_id)
);
CREATE INDEX idx_tenant_agent_perms_denied ON tenant_agent_permissions (tenant_id, agent_id) WHERE NOT enabled;

CREATE TABLE tenant_tool_permissions (
    tenant_id       uuid NOT NULL,
    tool_id         uuid NOT NULL,
    enabled         boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, tool_id),
    FOREIGN KEY (tenant_id, tool_id) REFERENCES tool_configs (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_tenant_tool_perms_denied ON tenant_tool_permissions (tenant_id, tool_id) WHERE NOT enabled;

CREATE TABLE tenant_llm_configs (
    id                      uuid PRIMARY KEY,
    tenant_id               uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    llm_model_id            uuid NOT NULL REFERENCES llm_models (id),
    api_key_ciphertext      bytea NOT NULL CHECK (length(api_key_ciphertext) > 28),
    api_key_key_id          varchar(32) NOT NULL,
    api_key_last4           varchar(4),
    rate_limit_rpm          integer NOT NULL DEFAULT 60 CHECK (rate_limit_rpm > 0),
    rate_limit_tpm          integer NOT NULL DEFAULT 10000 CHECK (rate_limit_tpm > 0),
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX uq_tenant_llm_configs_tenant ON tenant_llm_configs (tenant_id);
CREATE INDEX idx_tenant_llm_configs_model ON tenant_llm_configs (llm_model_id);
CREATE INDEX idx_tenant_llm_configs_key_id ON tenant_llm_configs (api_key_key_id);

CREATE TABLE workflows (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name                varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
    slug                varchar(64) NOT NULL CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
    description         text,
    definition          jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
    agent_ids           jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(agent_ids) = 'array'),
    timeout_seconds     integer CHECK (timeout_seconds > 0),
    retry_config        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(retry_config) = 'object'),
    status              varchar(16) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'inactive', 'archived')),
    version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    tags                jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tags) = 'array'),
    metadata            jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    deleted_at          timestamptz
);
CREATE UNIQUE INDEX uq_workflows_tenant_slug ON workflows (tenant_id, slug) WHERE deleted_at IS NULL;
CREATE INDEX idx_workflows_tenant_list ON workflows (tenant_id, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_workflows_tenant_status ON workflows (tenant_id, status) WHERE deleted_at IS NULL;

CREATE TABLE mcp_servers (
    id                      uuid PRIMARY KEY,
    name                    varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
    slug                    varchar(64) NOT NULL CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
    description             text,
    version                 varchar(32),
    category                varchar(50),
    transport               varchar(8) NOT NULL CHECK (transport IN ('stdio', 'sse')),
    command                 text NOT NULL CHECK (length(btrim(command)) > 0),
    config_schema           jsonb CHECK (config_schema IS NULL OR jsonb_typeof(config_schema) = 'object'),
    tool_definitions        jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tool_definitions) = 'array'),
    resource_definitions    jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(resource_definitions) = 'array'),
    status                  varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deprecated', 'disabled')),
    is_public               boolean NOT NULL DEFAULT true,
    documentation_url       varchar(2048),
    repository_url          varchar(2048),
    metadata                jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX uq_mcp_servers_slug ON mcp_servers (slug);
CREATE INDEX idx_mcp_servers_category ON mcp_servers (category, id);
CREATE INDEX idx_mcp_servers_status ON mcp_servers (status, id);

CREATE TABLE mcp_server_configs (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    mcp_server_id       uuid NOT NULL REFERENCES mcp_servers (id) ON DELETE CASCADE,
    enabled             boolean NOT NULL DEFAULT true,
    config_ciphertext   bytea NOT NULL,
    env_ciphertext      bytea NOT NULL,
    secret_key_id       varchar(32) NOT NULL,
    config_keys         jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(config_keys) = 'array'),
    env_keys            jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(env_keys) = 'array'),
    resource_limits     jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(resource_limits) = 'object'),
    allowed_users       jsonb NOT NULL DEFAULT '["all"]' CHECK (jsonb_typeof(allowed_users) = 'array'),
    created_by          varchar(128),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX uq_mcp_server_configs_tenant_server ON mcp_server_configs (tenant_id, mcp_server_id);
CREATE INDEX idx_mcp_server_configs_tenant_list ON mcp_server_configs (tenant_id, id);
CREATE INDEX idx_mcp_server_configs_server ON mcp_server_configs (mcp_server_id);
CREATE INDEX idx_mcp_server_configs_key_id ON mcp_server_configs (secret_key_id);

-- Row-level security. Platform registries: read by all, written only in a platform transaction.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['base_tools', 'mcp_servers'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY registry_read ON %I FOR SELECT USING (true)', t);
        EXECUTE format('CREATE POLICY platform_write ON %I USING (is_platform_admin()) '
                       'WITH CHECK (is_platform_admin())', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['tool_configs', 'agent_tools', 'tenant_llm_configs', 'workflows',
                             'mcp_server_configs'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
                       'WITH CHECK (tenant_id = current_tenant_id())', t);
    END LOOP;
    -- Permissions: the tenant reads its own; only the platform (with the tenant bound) writes.
    FOREACH t IN ARRAY ARRAY['tenant_agent_permissions', 'tenant_tool_permissions'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_read ON %I FOR SELECT USING (tenant_id = current_tenant_id())', t);
        EXECUTE format('CREATE POLICY platform_write ON %I USING (tenant_id = current_tenant_id() AND is_platform_admin()) '
                       'WITH CHECK (tenant_id = current_tenant_id() AND is_platform_admin())', t);
    END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON base_tools, tool_configs, agent_tools, tenant_agent_permissions,
    tenant_tool_permissions, tenant_llm_configs, workflows, mcp_servers, mcp_server_configs TO ${app_role};
