-- config-service, schema "config": agents and what shapes their conversations (rules, scenarios
-- with their archived versions and live-session migration plans, templates, variables), plus the
-- two things agents point at: the platform's LLM model registry and the tenant's output formats.
--
-- Sources: production-stores-data-model.md (agents, rules, scenarios, scenario_archives,
-- templates, variables, migration_plans), multi-agent-config-schema.md (agent_configs,
-- llm_models, output_formats), agentic-platform-schema-spec.md (agents). One model per concept
-- holding every field of every document. Departures, and why:
--   * agents is the union of production-stores' agents, multi-agent's agent_configs and the
--     agentic spec's agents: default_model is model_name; is_active is enabled; the agentic
--     "model configuration" is model_provider/model_name/temperature/max_tokens, its "resource
--     limits" are timeout_seconds/max_iterations. multi-agent's global UNIQUE(name) becomes unique
--     per tenant among live rows, and slug likewise (agentic spec).
--   * production-stores writes "CONSTRAINT ... UNIQUE (...) WHERE deleted_at IS NULL", which
--     PostgreSQL refuses: live-row uniqueness is a partial unique index here.
--   * Vectors are vector(${embedding_dimensions}) (the deployment's one width) instead of
--     vector(1536), each with its embedding_model; the seed's IVFFlat indexes (built on empty
--     tables, so with useless centroids) are HNSW (vector_cosine_ops); tenant-filtered searches
--     use pgvector 0.8 iterative scans, and small agents are searched exactly (see docs).
--   * Enumerations are stored lower-case, as on the wire ('global', not 'GLOBAL').
--   * rules/templates scope STEP needs two keys: scope_id is the scenario, scope_step_id the step
--     (step ids are caller-chosen strings inside the scenario's steps, not UUIDs).
--   * rules.condition_embedding is NOT NULL: every rule is embedded on write (or given a vector).
--   * scenarios.entry_step_id is derived from the steps (exactly one entry step) for the runtime.
--   * variables.default_value is jsonb, not text: APPEND and MERGE need to know lists and objects.
--   * migration_plans gains updated_at, rejected_at and who approved/deployed/rejected; at most one
--     deployed plan per (scenario, from_version), so "which plan applies" has one answer.
--   * llm_models and output_formats: costs are numeric(12,6); output formats belong to a tenant
--     (name unique per tenant), since tool configs and agents of that tenant point at them.
--   * References between tenant tables are composite (tenant_id, id) foreign keys, so that no row
--     can point at another tenant's agent, scenario or format whatever the application does.
--   * Ids are UUID v7 made by the application; times are timestamptz; RLS is enabled and forced.

-- Platform registry: readable by every caller, written only in a platform transaction.
CREATE TABLE llm_models (
    id                          uuid PRIMARY KEY,
    provider                    varchar(50)  NOT NULL CHECK (provider ~ '^[a-z0-9][a-z0-9_.-]*$'),
    model_name                  varchar(100) NOT NULL CHECK (length(btrim(model_name)) > 0),
    context_window              integer NOT NULL CHECK (context_window > 0),
    cost_per_1k_input_tokens    numeric(12,6) NOT NULL CHECK (cost_per_1k_input_tokens >= 0),
    cost_per_1k_output_tokens   numeric(12,6) NOT NULL CHECK (cost_per_1k_output_tokens >= 0),
    capabilities                jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(capabilities) = 'array'),
    enabled                     boolean NOT NULL DEFAULT true,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX uq_llm_models_provider_name ON llm_models (provider, model_name);
CREATE INDEX idx_llm_models_enabled ON llm_models (enabled, id);

CREATE TABLE output_formats (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name            varchar(100) NOT NULL CHECK (length(btrim(name)) > 0),
    schema          jsonb,
    renderer_hint   jsonb CHECK (renderer_hint IS NULL OR jsonb_typeof(renderer_hint) = 'object'),
    description     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX uq_output_formats_tenant_name ON output_formats (tenant_id, name);
CREATE INDEX idx_output_formats_tenant_list ON output_formats (tenant_id, id);

CREATE TABLE agents (
    id                          uuid PRIMARY KEY,
    tenant_id                   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name                        varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
    slug                        varchar(64) NOT NULL CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
    description                 text,
    system_prompt               text,
    prompt_template             text,
    model_provider              varchar(50),
    model_name                  varchar(100),
    temperature                 numeric(3,2) CHECK (temperature BETWEEN 0 AND 2),
    max_tokens                  integer CHECK (max_tokens > 0),
    llm_model_id                uuid REFERENCES llm_models (id),
    default_output_format_id    uuid,
    handler_class               varchar(255),
    capabilities                jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(capabilities) = 'array'),
    tools                       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tools) = 'array'),
    timeout_seconds             integer CHECK (timeout_seconds > 0),
    max_iterations              integer CHECK (max_iterations > 0),
    memory_enabled              boolean NOT NULL DEFAULT false,
    status                      varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'archived')),
    version                     varchar(32) NOT NULL DEFAULT '1.0.0',
    tags                        jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tags) = 'array'),
    config                      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(config) = 'object'),
    metadata                    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    enabled                     boolean NOT NULL DEFAULT true,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    deleted_at                  timestamptz,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, default_output_format_id) REFERENCES output_formats (tenant_id, id)
        ON DELETE SET NULL (default_output_format_id)
);
CREATE UNIQUE INDEX uq_agents_tenant_name ON agents (tenant_id, name) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX uq_agents_tenant_slug ON agents (tenant_id, slug) WHERE deleted_at IS NULL;
CREATE INDEX idx_agents_tenant_list ON agents (tenant_id, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_agents_tenant_status ON agents (tenant_id, status, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_agents_llm_model ON agents (llm_model_id) WHERE llm_model_id IS NOT NULL;

CREATE TABLE scenarios (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid NOT NULL,
    agent_id            uuid NOT NULL,
    name                varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
    description         text,
    version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    entry_condition     text,
    entry_embedding     vector(${embedding_dimensions}),
    embedding_model     varchar(100),
    steps               jsonb NOT NULL CHECK (jsonb_typeof(steps) = 'array'),
    entry_step_id       varchar(64) NOT NULL,
    enabled             boolean NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    deleted_at          timestamptz,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE,
    CHECK ((entry_embedding IS NULL) = (embedding_model IS NULL))
);
CREATE INDEX idx_scenarios_tenant_agent ON scenarios (tenant_id, agent_id, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_scenarios_entry_embedding ON scenarios USING hnsw (entry_embedding vector_cosine_ops)
    WHERE entry_embedding IS NOT NULL AND deleted_at IS NULL AND enabled;

CREATE TABLE scenario_archives (
    tenant_id       uuid NOT NULL,
    scenario_id     uuid NOT NULL,
    version         integer NOT NULL CHECK (version >= 1),
    scenario_data   jsonb NOT NULL CHECK (jsonb_typeof(scenario_data) = 'object'),
    archived_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, scenario_id, version),
    FOREIGN KEY (tenant_id, scenario_id) REFERENCES scenarios (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE rules (
    id                      uuid PRIMARY KEY,
    tenant_id               uuid NOT NULL,
    agent_id                uuid NOT NULL,
    name                    varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
    description             text,
    condition_text          text NOT NULL CHECK (length(btrim(condition_text)) > 0),
    condition_embedding     vector(${embedding_dimensions}) NOT NULL,
    embedding_model         varchar(100) NOT NULL,
    action_type             varchar(50) NOT NULL CHECK (length(btrim(action_type)) > 0),
    action_config           jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(action_config) = 'object'),
    scope                   varchar(16) NOT NULL DEFAULT 'global' CHECK (scope IN ('global', 'scenario', 'step')),
    scope_id                uuid,
    scope_step_id           varchar(64),
    priority                integer NOT NULL DEFAULT 0,
    enabled                 boolean NOT NULL DEFAULT true,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    deleted_at              timestamptz,
    FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, scope_id) REFERENCES scenarios (tenant_id, id) ON DELETE CASCADE,
    CHECK ((scope = 'global') = (scope_id IS NULL)),
    CHECK ((scope = 'step') = (scope_step_id IS NOT NULL))
);
CREATE INDEX idx_rules_tenant_agent ON rules (tenant_id, agent_id, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_rules_scope ON rules (tenant_id, agent_id, scope, scope_id) WHERE deleted_at IS NULL;
-- Matching reads only live, enabled rules: the partial HNSW index holds exactly those.
CREATE INDEX idx_rules_embedding ON rules USING hnsw (condition_embedding vector_cosine_ops)
    WHERE deleted_at IS NULL AND enabled;

CREATE TABLE migration_plans (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid NOT NULL,
    scenario_id         uuid NOT NULL,
    from_version        integer NOT NULL CHECK (from_version >= 1),
    to_version          integer NOT NULL,
    status              varchar(16) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'deployed', 'rejected')),
    transformation_map  jsonb NOT NULL CHECK (jsonb_typeof(transformation_map) = 'object'),
    anchor_policies     jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(anchor_policies) = 'object'),
    scope_filter        jsonb CHECK (scope_filter IS NULL OR jsonb_typeof(scope_filter) = 'object'),
    created_by          varchar(128),
    approved_by         varchar(128),
    deployed_by         varchar(128),
    rejected_by         varchar(128),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    approved_at         timestamptz,
    deployed_at         timestamptz,
    rejected_at         timestamptz,
    FOREIGN KEY (tenant_id, scenario_id) REFERENCES scenarios (tenant_id, id) ON DELETE CASCADE,
    CHECK (to_version > from_version),
    CHECK ((status IN ('approved', 'deployed')) = (approved_at IS NOT NULL) OR status = 'rejected'),
    CHECK ((status = 'deployed') = (deployed_at IS NOT NULL)),
    CHECK ((status = 'rejected') = (rejected_at IS NOT NULL))
);
CREATE INDEX idx_migration_plans_scenario ON migration_plans (tenant_id, scenario_id, from_version, to_version);
CREATE INDEX idx_migration_plans_list ON migration_plans (tenant_id, scenario_id, id);
CREATE UNIQUE INDEX uq_migration_plans_deployed ON migration_plans (tenant_id, scenario_id, from_version)
    WHERE status = 'deployed';

CREATE TABLE templates (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL,
    agent_id        uuid NOT NULL,
    name            varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
    content         text NOT NULL CHECK (length(content) > 0),
    placeholders    jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(placeholders) = 'array'),
    mode            varchar(16) NOT NULL DEFAULT 'suggest' CHECK (mode IN ('suggest', 'exclusive', 'fallback')),
    scope           varchar(16) NOT NULL DEFAULT 'global' CHECK (scope IN ('global', 'scenario', 'step')),
    scope_id        uuid,
    scope_step_id   varchar(64),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, scope_id) REFERENCES scenarios (tenant_id, id) ON DELETE CASCADE,
    CHECK ((scope = 'global') = (scope_id IS NULL)),
    CHECK ((scope = 'step') = (scope_step_id IS NOT NULL))
);
CREATE INDEX idx_templates_tenant_agent ON templates (tenant_id, agent_id, id) WHERE deleted_at IS NULL;

CREATE TABLE variables (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid NOT NULL,
    agent_id            uuid NOT NULL,
    name                varchar(255) NOT NULL CHECK (name ~ '^[A-Za-z_][A-Za-z0-9_]*$'),
    description         text,
    default_value       jsonb,
    update_policy       varchar(16) NOT NULL DEFAULT 'replace' CHECK (update_policy IN ('replace', 'append', 'merge')),
    resolver_tool_id    varchar(255),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    deleted_at          timestamptz,
    FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX uq_variables_tenant_agent_name ON variables (tenant_id, agent_id, name) WHERE deleted_at IS NULL;
CREATE INDEX idx_variables_tenant_agent ON variables (tenant_id, agent_id, id) WHERE deleted_at IS NULL;

-- Row-level security: tenant tables see only the bound tenant; the registry is read by all and
-- written only in a platform transaction (TenantTransactions.asPlatform).
ALTER TABLE llm_models ENABLE ROW LEVEL SECURITY;
ALTER TABLE llm_models FORCE ROW LEVEL SECURITY;
CREATE POLICY registry_read ON llm_models FOR SELECT USING (true);
CREATE POLICY platform_write ON llm_models USING (is_platform_admin()) WITH CHECK (is_platform_admin());

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['output_formats', 'agents', 'scenarios', 'scenario_archives', 'rules',
                             'migration_plans', 'templates', 'variables'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
                       'WITH CHECK (tenant_id = current_tenant_id())', t);
    END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON llm_models, output_formats, agents, scenarios, scenario_archives,
    rules, migration_plans, templates, variables TO ${app_role};
