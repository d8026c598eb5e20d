-- The support desk's connectors to Zendesk and Jira (support-ticket-schema.md: ticket_external_refs,
-- integration_sync_logs; the logs themselves are audit-service's, written through the audit stream).

-- support_connectors: one per tenant and system. The credential (a Zendesk API token, a Jira API
-- token) is sealed with AES-256-GCM under the service's master key, the tenant and the purpose bound
-- as associated data (common's SecretCipher, as config-service seals LLM keys); only its last four
-- characters are ever shown. The inbound webhook's shared secret is kept as its SHA-256 only.
-- poll_cursor is where the last pull stopped (an ISO instant: changes after it are pulled next).
CREATE TABLE support_connectors (
    tenant_id               uuid NOT NULL,
    system                  varchar(32) NOT NULL CHECK (system IN ('zendesk', 'jira')),
    base_url                varchar(2048) NOT NULL,
    username                varchar(255) NOT NULL,
    credential_ciphertext   bytea NOT NULL,
    credential_key_id       varchar(64) NOT NULL,
    credential_last4        varchar(4) NOT NULL,
    project_key             varchar(64),
    webhook_secret_sha256   bytea,
    enabled                 boolean NOT NULL DEFAULT true,
    poll_cursor             varchar(64),
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, system),
    CONSTRAINT chk_jira_project CHECK (system <> 'jira' OR project_key IS NOT NULL)
);

-- ticket_sync_outbox: every change to push out, written in the same transaction as the change
-- itself, so none is lost: it stays until the external system took it. A worker claims due rows
-- (claimed_until keeps two workers off one row without holding a transaction over the HTTP call),
-- pushes, then deletes the row; a failure puts it back with an exponential backoff and the error.
-- kind: create (the external ticket, on escalation), status (a move), comment (a message).
CREATE TABLE ticket_sync_outbox (
    id                  uuid NOT NULL,
    tenant_id           uuid NOT NULL,
    ticket_id           uuid NOT NULL,
    system              varchar(32) NOT NULL CHECK (system IN ('zendesk', 'jira')),
    kind                varchar(16) NOT NULL CHECK (kind IN ('create', 'status', 'comment')),
    payload             jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(payload) = 'object'),
    attempts            integer NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL DEFAULT now(),
    claimed_until       timestamptz,
    last_error          text,
    created_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_ticket_sync_outbox_due ON ticket_sync_outbox (tenant_id, next_attempt_at, id);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['support_connectors', 'ticket_sync_outbox'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
                       'WITH CHECK (tenant_id = current_tenant_id())', t);
    END LOOP;
END
$$;

-- The sync worker must learn which tenants have work before it can bind one. As memory-service's
-- retention sweep does: a SECURITY DEFINER function runs as the owner, who alone gets read-only
-- policies for it, and answers tenant ids and nothing else; the work itself runs in each tenant's
-- own RLS-bound transaction.
CREATE POLICY sync_worker ON ticket_sync_outbox FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY sync_worker ON support_connectors FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION tenants_with_due_sync() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}, pg_temp
    AS $$ SELECT DISTINCT tenant_id FROM ticket_sync_outbox
          WHERE next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now()) $$;
CREATE FUNCTION tenants_with_enabled_connectors() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}, pg_temp
    AS $$ SELECT DISTINCT tenant_id FROM support_connectors WHERE enabled $$;
REVOKE ALL ON FUNCTION tenants_with_due_sync(), tenants_with_enabled_connectors() FROM PUBLIC;

GRANT SELECT, INSERT, UPDATE, DELETE ON support_connectors, ticket_sync_outbox TO ${app_role};
GRANT EXECUTE ON FUNCTION tenants_with_due_sync(), tenants_with_enabled_connectors() TO ${app_role};
