-- The AI support desk (support-ticket-schema.md): tickets with their status machine and its history,
-- the messages of a ticket, links to external trackers, and each tenant's support settings.
--
-- Where the seed's other tables went (reused, not copied):
--   tenants, users           config-service (tickets name users by their uuid: assigned_to, created_by)
--   kb_chunks                memory-service's RAG collections (support_settings.kb_collection_id names
--                            the collection; chunk_hash dedup, versions and is_current live there)
--   integration_sync_logs    audit-service's sync runs, fed through the audit stream
--
-- Departures from the seed common to every table, and why:
--   * uuid ids made by the application (UUID v7) and the tenant as a uuid (the seed: SERIAL/INTEGER);
--   * tenant_id on every table (the seed's messages had none) and every reference to a ticket is
--     tenant-qualified: (tenant_id, ticket_id) references tickets (tenant_id, id);
--   * every index leads with tenant_id (each statement filters tenant_id itself; RLS is forced too);
--   * enumerations are CHECKed lower-case tokens (the seed left status, priority, source and role free).

-- tickets: every column of the seed's tickets. Mapping and additions:
--   created_by_id      -> created_by (a user of config-service; null when an API key or the agent
--                         runtime without a user made it)
--   metadata_json      -> metadata (NOT NULL, an object)
--   source             web / email / api / chat; session_id names the conversation a chat ticket came
--                      from (sessions (tenant_id, id); set to null alone if the session row goes)
--   escalation         the last escalation's triggers ({"reasons": [{"trigger", "detail"}], "at"}):
--                      the seed's data flow sets status = 'escalated' and keeps no reason
--   message_count      numbers the ticket's messages (gapless, allocated under the ticket row's lock)
CREATE TABLE tickets (
    id              uuid NOT NULL,
    tenant_id       uuid NOT NULL,
    title           varchar(255) NOT NULL CHECK (length(btrim(title)) > 0),
    description     text,
    status          varchar(32) NOT NULL DEFAULT 'open'
                    CONSTRAINT chk_ticket_status CHECK (status IN ('open', 'in_progress', 'pending_customer', 'resolved',
                                                                   'closed', 'escalated', 'reopened')),
    priority        varchar(32) NOT NULL DEFAULT 'medium'
                    CONSTRAINT chk_ticket_priority CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    source          varchar(64) CONSTRAINT chk_ticket_source CHECK (source IN ('web', 'email', 'api', 'chat')),
    session_id      uuid,
    assigned_to     uuid,
    created_by      uuid,
    metadata        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    escalation      jsonb,
    message_count   bigint NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT fk_tickets_session FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id)
        ON DELETE SET NULL (session_id)
);
-- The seed's ix_tickets_tenant, ix_tickets_status, ix_tickets_tenant_status and ix_tickets_updated_at,
-- as the lists read them: newest change first within the tenant, by status, priority or assignee.
CREATE INDEX idx_tickets_updated ON tickets (tenant_id, updated_at DESC, id DESC);
CREATE INDEX idx_tickets_status ON tickets (tenant_id, status, updated_at DESC, id DESC);
CREATE INDEX idx_tickets_priority ON tickets (tenant_id, priority, updated_at DESC, id DESC);
CREATE INDEX idx_tickets_assignee ON tickets (tenant_id, assigned_to, updated_at DESC, id DESC) WHERE assigned_to IS NOT NULL;
CREATE INDEX idx_tickets_session ON tickets (tenant_id, session_id) WHERE session_id IS NOT NULL;

-- ticket_status_changes: every move of a ticket (not in the seed, which overwrote status): who
-- (the token subject, and the user id when it is a user), when, from, to, why, and what made it
-- (manual, created, escalation, or sync: a change pulled from Zendesk or Jira, the system in actor).
-- The first row of a ticket has from_status null.
CREATE TABLE ticket_status_changes (
    id              uuid NOT NULL,
    tenant_id       uuid NOT NULL,
    ticket_id       uuid NOT NULL,
    from_status     varchar(32),
    to_status       varchar(32) NOT NULL,
    actor           varchar(255),
    actor_id        uuid,
    reason          text,
    trigger         varchar(32) NOT NULL DEFAULT 'manual'
                    CHECK (trigger IN ('manual', 'created', 'escalation', 'sync')),
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_ticket_status_changes_ticket ON ticket_status_changes (tenant_id, ticket_id, id);

-- ticket_messages: the seed's messages of a ticket. Kept beside the sessions' messages rather than
-- merged into them: a ticket may have no session (web, email, api) and outlives the one it came
-- from, while conversation.messages is partitioned by month and numbered per session (its key and
-- its counter hang off the session row). Mapping:
--   ticket_id, role (user / assistant / system), content, created_at   as the seed
--   metadata_json -> metadata (model, tokens, the KB chunks used with their similarity, triggers)
--   sequence_number, author (the token subject that wrote it), added
-- The seed's ix_messages_ticket_id and ix_messages_created_at, tenant first.
CREATE TABLE ticket_messages (
    id              uuid NOT NULL,
    tenant_id       uuid NOT NULL,
    ticket_id       uuid NOT NULL,
    sequence_number bigint NOT NULL,
    role            varchar(32) NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
    content         text NOT NULL CHECK (length(content) > 0),
    metadata        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    author          varchar(255),
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT uq_ticket_messages_sequence UNIQUE (tenant_id, ticket_id, sequence_number)
);
CREATE INDEX idx_ticket_messages_created ON ticket_messages (tenant_id, created_at);

-- ticket_external_refs: links to Zendesk and Jira. The seed's UNIQUE (system, external_id) is global:
-- one tenant's insert failing on another tenant's id would tell it that id exists elsewhere. Here it
-- is unique per tenant, system and external id; and a ticket has at most one ref per system, so an
-- escalation retried never creates a second external ticket.
CREATE TABLE ticket_external_refs (
    id              uuid NOT NULL,
    tenant_id       uuid NOT NULL,
    ticket_id       uuid NOT NULL,
    system          varchar(32) NOT NULL CHECK (system IN ('zendesk', 'jira')),
    external_id     varchar(255) NOT NULL CHECK (length(btrim(external_id)) > 0),
    external_url    varchar(512),
    metadata        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT uq_ticket_external_refs_external UNIQUE (tenant_id, system, external_id),
    CONSTRAINT uq_ticket_external_refs_ticket UNIQUE (tenant_id, ticket_id, system)
);

-- support_settings: one row per tenant (none: the defaults). The KB is a memory-service collection;
-- escalation keywords and the phrases of a customer asking for a human are the tenant's own, in any
-- language; kb_min_similarity is compared with memory-service's vector_similarity (cosine).
CREATE TABLE support_settings (
    tenant_id               uuid PRIMARY KEY,
    kb_collection_id        uuid,
    kb_min_similarity       double precision NOT NULL DEFAULT 0.65 CHECK (kb_min_similarity BETWEEN 0 AND 1),
    answer_chunks           integer NOT NULL DEFAULT 3 CHECK (answer_chunks BETWEEN 1 AND 10),
    auto_answer             boolean NOT NULL DEFAULT true,
    answer_with_llm         boolean NOT NULL DEFAULT true,
    escalation_keywords     text[] NOT NULL DEFAULT '{}',
    human_request_phrases   text[] NOT NULL DEFAULT '{}',
    escalate_urgent         boolean NOT NULL DEFAULT true,
    escalation_webhook_url  varchar(2048),
    updated_at              timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tickets', 'ticket_status_changes', 'ticket_messages', 'ticket_external_refs',
                             'support_settings'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
                       'WITH CHECK (tenant_id = current_tenant_id())', t);
    END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON tickets, ticket_status_changes, ticket_messages, ticket_external_refs,
    support_settings TO ${app_role};
