-- conversation-service, schema "conversation": the durable record of conversations. The live session
-- is a JSON document in Redis (session:hot:* / session:persist:*, see docs/conversation-service.md);
-- every change to it is also written here, so a session outlives its Redis keys.
--
-- One merged model for the seeds' session and message tables (every seed column lives somewhere;
-- the mapping is written beside each table below):
--   sessions            <- runtime_session (sales-platform-schema.md), sessions (multi-agent-config-
--                          schema.md), conversations (agentic-platform-schema-spec.md), and the Redis
--                          "Session JSON Structure" (production-stores-data-model.md)
--   messages            <- runtime_turn (sales), messages (multi-agent), messages (agentic)
--   context_slots       <- runtime_context_slot (sales)
--   decision_events     <- runtime_decision_event (sales)
--   action_executions   <- runtime_action_execution (sales), tool_executions and mcp_tool_executions
--                          (agentic)
--   workflow_executions <- workflow_executions (agentic)
--   checkpoints         <- checkpoints (multi-agent; LangGraph's PostgresSaver table)
--
-- Departures common to every table, and why:
--   * Ids are UUID v7 made by the application (the seeds default to gen_random_uuid()); every
--     timestamp is NOT NULL timestamptz where the seeds have nullable TIMESTAMP.
--   * tenant_id on every table (the seeds' runtime_*, messages and checkpoints have none: their
--     tenant was reached through a join), and every reference to a session is tenant-qualified:
--     (tenant_id, session_id) references sessions (tenant_id, id), so a child row can never point into
--     another tenant even though foreign key checks bypass row-level security.
--   * Every index leads with tenant_id (the suite's convention: each statement filters tenant_id
--     itself, and the plan can use the index under RLS).
--   * References into other services' schemas (agents, bots, bot versions, users, workflows, MCP
--     servers, customer profiles) are plain uuids: no service reads another's schema.
--   * Enumerations are lower-case tokens (the API's spelling): the seed's 'ACTIVE', 'WEB' become
--     'active', 'web'.
--   * Every table has RLS enabled AND forced, keyed on app.tenant_id, set per transaction; the
--     runtime role (${app_role}) is neither owner nor superuser.

CREATE FUNCTION current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- sessions: one row per conversation session. Mapping:
--   id                       runtime_session.id, sessions.session_id, conversations id, JSON session_id
--   agent_id                 sessions.agent_id, conversations agent, JSON agent_id (required here)
--   bot_id, bot_version_id   runtime_session.bot_id / bot_version_id (catalog-service's bots)
--   customer_profile_id      JSON customer_profile_id (profile-service's profile)
--   channel                  JSON channel, runtime_session.channel_code (renamed)
--   user_channel_id          JSON user_channel_id, sessions.user_id (the end user's id on the channel;
--                            renamed: user_id is the platform user below)
--   user_id                  conversations user reference (a config-service user, when a platform
--                            user rather than an end customer holds the conversation)
--   status                   JSON status, conversations status; the agentic 'completed' is 'ended'
--   title, summary           conversations title/summary
--   variables                JSON variables
--   active_scenario_id/_version, step_history, pending_migration   JSON fields of the same name
--   current_step_id          JSON current_step_id and runtime_session.flow_step (merged: both are the
--                            current step of the flow). Text, not uuid: config-service's step ids
--                            are strings.
--   context                  runtime_session.flow_context, conversations context (merged)
--   ext_metadata             runtime_session.ext_metadata
--   metadata                 sessions.metadata, conversations metadata (merged)
--   thread_id                sessions.thread_id (LangGraph thread: tenant_<id>__user_<id>__session_<id>)
--   version                  the optimistic-concurrency version of the Redis document (not in the
--                            seeds); a write here never lowers it
--   message_count, last_message_at   sessions.last_message_at; message_count numbers the messages
--   created_at               JSON created_at, sessions.created_at, runtime_session.started_at and
--                            conversations started timestamp (merged: a session starts when made)
--   last_activity_at         JSON last_activity_at
--   state_updated_at         runtime_session.state_updated_at
--   updated_at               conversations updated timestamp
--   ended_at                 runtime_session.ended_at, conversations completed timestamp
CREATE TABLE sessions (
    id                      uuid PRIMARY KEY,
    tenant_id               uuid NOT NULL,
    agent_id                uuid NOT NULL,
    bot_id                  uuid,
    bot_version_id          uuid,
    customer_profile_id     uuid,
    channel                 varchar(50) NOT NULL CHECK (channel ~ '^[a-z][a-z0-9_.-]{0,49}$'),
    user_channel_id         varchar(255) NOT NULL CHECK (length(btrim(user_channel_id)) > 0),
    user_id                 uuid,
    status                  varchar(16) NOT NULL DEFAULT 'active'
                            CONSTRAINT chk_session_status CHECK (status IN ('active', 'idle', 'escalated', 'ended', 'failed', 'cancelled')),
    title                   varchar(500),
    summary                 text,
    variables               jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(variables) = 'object'),
    active_scenario_id      uuid,
    active_scenario_version integer,
    current_step_id         varchar(255),
    step_history            jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(step_history) = 'array'),
    pending_migration       jsonb,
    context                 jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(context) = 'object'),
    ext_metadata            jsonb,
    metadata                jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    thread_id               varchar(500) NOT NULL,
    version                 bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
    message_count           bigint NOT NULL DEFAULT 0,
    last_message_at         timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    last_activity_at        timestamptz NOT NULL DEFAULT now(),
    state_updated_at        timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    ended_at                timestamptz,
    CONSTRAINT uq_sessions_tenant_id UNIQUE (tenant_id, id),
    CONSTRAINT chk_sessions_ended CHECK ((ended_at IS NULL) = (status NOT IN ('ended', 'failed', 'cancelled')))
);
-- The seeds' idx_sessions_tenant_user (tenant_id, user_id, created_at DESC): by channel user here.
CREATE INDEX idx_sessions_channel_user ON sessions (tenant_id, channel, user_channel_id, id);
CREATE INDEX idx_sessions_agent ON sessions (tenant_id, agent_id, id);
CREATE INDEX idx_sessions_customer ON sessions (tenant_id, customer_profile_id, id) WHERE customer_profile_id IS NOT NULL;
-- The seeds' idx_sessions_thread (thread_id alone) gains the tenant.
CREATE INDEX idx_sessions_thread ON sessions (tenant_id, thread_id);
-- conversations' status and recent-first indexes.
CREATE INDEX idx_sessions_status ON sessions (tenant_id, status, created_at DESC);

-- messages: the turns of a session, partitioned by month on created_at (agentic spec, "Partitioning
-- Strategy"): old months can be detached or dropped whole, and a month's indexes stay small.
-- Mapping:
--   id               runtime_turn.id, messages.message_id (multi-agent), messages id (agentic)
--   session_id       runtime_turn.session_id, messages.session_id, agentic conversation reference
--   sequence_number  agentic sequence number (ordering within the conversation); allocated from
--                    sessions.message_count under the session row's lock, so it is gapless
--   role             runtime_turn.speaker (renamed), messages.role; 'tool' from the agentic spec
--   content          runtime_turn.message (renamed), messages.content
--   ui_metadata      runtime_turn.ui_metadata
--   metadata         messages.metadata (intent, agent_used, extracted_entities, ...)
--   model            agentic model used, multi-agent metadata.llm_model
--   input_tokens, output_tokens   agentic token count, multi-agent metadata.token_count.input/output
--   tool_calls, tool_results      agentic tool calls and results (multi-agent metadata.tool_calls)
--   latency_ms       agentic latency, multi-agent metadata.duration_ms
--   created_at       runtime_turn.created_at, messages.timestamp (multi-agent), agentic created
-- The primary key holds the partition key (PostgreSQL requires it). Other tables refer to a message
-- by id alone (extracted_from_message_id, input_message_id, message_id) without a foreign key: a
-- foreign key into a partitioned table would have to carry created_at too.
CREATE TABLE messages (
    id               uuid NOT NULL,
    tenant_id        uuid NOT NULL,
    session_id       uuid NOT NULL,
    sequence_number  bigint NOT NULL CHECK (sequence_number >= 1),
    role             varchar(16) NOT NULL CONSTRAINT chk_message_role CHECK (role IN ('user', 'assistant', 'system', 'tool')),
    content          text NOT NULL,
    ui_metadata      jsonb,
    metadata         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    model            varchar(255),
    input_tokens     integer CHECK (input_tokens IS NULL OR input_tokens >= 0),
    output_tokens    integer CHECK (output_tokens IS NULL OR output_tokens >= 0),
    tool_calls       jsonb CHECK (tool_calls IS NULL OR jsonb_typeof(tool_calls) = 'array'),
    tool_results     jsonb CHECK (tool_results IS NULL OR jsonb_typeof(tool_results) = 'array'),
    latency_ms       integer CHECK (latency_ms IS NULL OR latency_ms >= 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id, created_at),
    CONSTRAINT fk_messages_session FOREIGN KEY (tenant_id, session_id)
        REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
) PARTITION BY RANGE (created_at);
-- A session's messages in order (the seeds' idx_messages_session_time and
-- idx_messages_conversation_sequence, with the tenant in front).
CREATE INDEX idx_messages_session_seq ON messages (tenant_id, session_id, sequence_number);
-- The multi-agent seed's idx_messages_role (role alone) gains the tenant.
CREATE INDEX idx_messages_role ON messages (tenant_id, role, created_at);

-- A row outside every monthly partition lands here rather than failing the insert; partitions are
-- made ahead (ensure_message_partitions below, at migration and at every service start), so it stays
-- empty in normal operation.
CREATE TABLE messages_default PARTITION OF messages DEFAULT;
ALTER TABLE messages_default ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages_default FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON messages_default
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- Makes the monthly partitions messages_yYYYYmMM from the month before now() to p_months_ahead months
-- after it, each with forced RLS and the tenant policy; answers how many it made. SECURITY DEFINER
-- (owned by the migration role) so that the runtime role, which owns nothing, can run it at start;
-- it touches no table but messages. A month whose rows already sit in the default partition is
-- skipped with a notice (creating it would fail); an operator moves them.
CREATE FUNCTION ensure_message_partitions(p_months_ahead integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${schema}, pg_temp
    AS $$
DECLARE
    m     date;
    made  integer := 0;
    name  text;
BEGIN
    IF p_months_ahead < 0 OR p_months_ahead > 36 THEN
        RAISE EXCEPTION 'months ahead must be between 0 and 36';
    END IF;
    FOR i IN -1..p_months_ahead LOOP
        m := (date_trunc('month', now()) + make_interval(months => i))::date;
        name := format('messages_y%sm%s', to_char(m, 'YYYY'), to_char(m, 'MM'));
        CONTINUE WHEN to_regclass(name) IS NOT NULL;
        BEGIN
            EXECUTE format('CREATE TABLE %I PARTITION OF messages FOR VALUES FROM (%L) TO (%L)',
                           name, m, (m + interval '1 month')::date);
            EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', name);
            EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', name);
            EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
                           'WITH CHECK (tenant_id = current_tenant_id())', name);
            made := made + 1;
        EXCEPTION WHEN check_violation THEN
            RAISE NOTICE 'partition % skipped: the default partition holds rows of that month', name;
        END;
    END LOOP;
    RETURN made;
END
$$;
SELECT ensure_message_partitions(12);

-- context_slots <- runtime_context_slot: the seed's columns; extracted_from_turn_id is renamed
-- extracted_from_message_id (turns are messages). One live value per (session, slot_key): setting a
-- slot again replaces it (updated_at). An expired slot (expires_at in the past) is never returned.
CREATE TABLE context_slots (
    id                         uuid PRIMARY KEY,
    tenant_id                  uuid NOT NULL,
    session_id                 uuid NOT NULL,
    slot_key                   varchar(100) NOT NULL CHECK (slot_key ~ '^[A-Za-z][A-Za-z0-9_.-]{0,99}$'),
    slot_value                 text NOT NULL CHECK (length(slot_value) <= 4000),
    confidence                 numeric CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
    extracted_from_message_id  uuid,
    expires_at                 timestamptz,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_context_slot UNIQUE (tenant_id, session_id, slot_key),
    CONSTRAINT fk_slots_session FOREIGN KEY (tenant_id, session_id)
        REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
);

-- decision_events <- runtime_decision_event: the seed's columns; input_turn_id is renamed
-- input_message_id; bot_version_id is catalog-service's bot version.
CREATE TABLE decision_events (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid NOT NULL,
    session_id          uuid NOT NULL,
    input_message_id    uuid,
    bot_version_id      uuid,
    event_type          varchar(50) NOT NULL CHECK (event_type ~ '^[a-z][a-z0-9_.-]{0,49}$'),
    decision_metadata   jsonb NOT NULL DEFAULT '{}',
    estimated_cost_usd  numeric(14, 8) CHECK (estimated_cost_usd IS NULL OR estimated_cost_usd >= 0),
    latency_ms          integer CHECK (latency_ms IS NULL OR latency_ms >= 0),
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_decisions_session FOREIGN KEY (tenant_id, session_id)
        REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_decision_events_session ON decision_events (tenant_id, session_id, id);
CREATE INDEX idx_decision_events_type ON decision_events (tenant_id, event_type, created_at DESC);

-- action_executions: one log of tool and API calls. Mapping:
--   runtime_action_execution: id, session_id, action_type, action_name, input_params, output_result,
--     execution_time_ms, status, created_at (all kept by name)
--   tool_executions (agentic): conversation -> session_id, message -> message_id, agent_id,
--     tool name -> action_name, input -> input_params, output -> output_result, status,
--     error_message, execution time -> execution_time_ms, metadata, started_at, completed_at
--   mcp_tool_executions (agentic): the same, plus mcp_server_id, error_code, server_instance_id;
--     tool parameters -> input_params, tool result -> output_result; action_type 'mcp_tool'
-- session_id is optional: an agentic tool or MCP call may run outside a conversation.
CREATE TABLE action_executions (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid NOT NULL,
    session_id          uuid,
    message_id          uuid,
    agent_id            uuid,
    mcp_server_id       uuid,
    server_instance_id  varchar(255),
    action_type         varchar(20) NOT NULL CHECK (action_type IN ('tool_call', 'api_call', 'mcp_tool')),
    action_name         varchar(255) NOT NULL,
    input_params        jsonb,
    output_result       jsonb,
    status              varchar(16) NOT NULL CHECK (status IN ('running', 'success', 'error', 'timeout')),
    error_message       text,
    error_code          varchar(100),
    execution_time_ms   integer CHECK (execution_time_ms IS NULL OR execution_time_ms >= 0),
    metadata            jsonb NOT NULL DEFAULT '{}',
    started_at          timestamptz NOT NULL DEFAULT now(),
    completed_at        timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_actions_session FOREIGN KEY (tenant_id, session_id)
        REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
);
-- The agentic indexes (conversation, agent, tool name, status, started_at desc; MCP server), each
-- behind tenant_id.
CREATE INDEX idx_action_executions_session ON action_executions (tenant_id, session_id, id) WHERE session_id IS NOT NULL;
CREATE INDEX idx_action_executions_agent ON action_executions (tenant_id, agent_id, started_at DESC);
CREATE INDEX idx_action_executions_name ON action_executions (tenant_id, action_name, started_at DESC);
CREATE INDEX idx_action_executions_status ON action_executions (tenant_id, status, started_at DESC);
CREATE INDEX idx_action_executions_mcp ON action_executions (tenant_id, mcp_server_id, started_at DESC) WHERE mcp_server_id IS NOT NULL;

-- workflow_executions (agentic): every field of the spec; workflow_id is config-service's workflow,
-- user_id a config-service user; session_id (added, optional) links a run to its conversation.
CREATE TABLE workflow_executions (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL,
    workflow_id      uuid NOT NULL,
    user_id          uuid,
    session_id       uuid,
    status           varchar(16) NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
    current_step     varchar(255),
    input_data       jsonb,
    output_data      jsonb,
    error_message    text,
    steps_completed  integer NOT NULL DEFAULT 0 CHECK (steps_completed >= 0),
    steps_total      integer CHECK (steps_total IS NULL OR steps_total >= 0),
    metadata         jsonb NOT NULL DEFAULT '{}',
    started_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_workflow_executions_session FOREIGN KEY (tenant_id, session_id)
        REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_workflow_executions_workflow ON workflow_executions (tenant_id, workflow_id, started_at DESC);
CREATE INDEX idx_workflow_executions_status ON workflow_executions (tenant_id, status, started_at DESC);

-- checkpoints (multi-agent seed, LangGraph PostgresSaver): thread_id, checkpoint_id, parent_id,
-- checkpoint (bytea: the serialised state) and metadata, kept by name. The seed's table has no tenant
-- and no time: tenant_id and created_at are added, the primary key becomes (tenant_id, thread_id,
-- checkpoint_id), and session_id (added) ties a thread to its session for erasure. The seed's
-- idx_checkpoints_parent (parent_id alone) becomes (tenant_id, thread_id, parent_id): a chain is
-- walked within one thread.
CREATE TABLE checkpoints (
    tenant_id      uuid NOT NULL,
    thread_id      varchar(500) NOT NULL,
    checkpoint_id  varchar(255) NOT NULL CHECK (length(btrim(checkpoint_id)) > 0),
    parent_id      varchar(255),
    session_id     uuid NOT NULL,
    checkpoint     bytea NOT NULL,
    metadata       jsonb NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, thread_id, checkpoint_id),
    CONSTRAINT chk_checkpoint_not_own_parent CHECK (parent_id IS NULL OR parent_id <> checkpoint_id),
    CONSTRAINT fk_checkpoints_session FOREIGN KEY (tenant_id, session_id)
        REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_checkpoints_parent ON checkpoints (tenant_id, thread_id, parent_id);
CREATE INDEX idx_checkpoints_latest ON checkpoints (tenant_id, thread_id, created_at DESC, checkpoint_id DESC);
CREATE INDEX idx_checkpoints_session ON checkpoints (tenant_id, session_id);

-- Row-level security. FORCE makes the policies apply to the table owner too.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['sessions', 'messages', 'context_slots', 'decision_events', 'action_executions',
                             'workflow_executions', 'checkpoints'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
                       'WITH CHECK (tenant_id = current_tenant_id())', t);
    END LOOP;
END
$$;

GRANT USAGE ON SCHEMA ${schema} TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, messages, context_slots, decision_events, action_executions,
    workflow_executions, checkpoints TO ${app_role};
GRANT EXECUTE ON FUNCTION current_tenant_id(), ensure_message_partitions(integer) TO ${app_role};
REVOKE EXECUTE ON FUNCTION ensure_message_partitions(integer) FROM PUBLIC;
