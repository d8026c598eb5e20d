-- config-service, schema "config": tenancy (tenants, users, API keys) and row-level security.
--
-- Sources: production-stores-data-model.md, agentic-platform-schema-spec.md (tenants, users,
-- api_keys), support-ticket-schema.md (tenants, users), multi-agent-config-schema.md (tenants).
-- One model per concept holding every field of every document. Departures, and why:
--   * Ids are UUID v7 made by the application (support-ticket's SERIAL ids are not multi-tenant
--     safe to expose; multi-agent's gen_random_uuid() v4 ids scatter B-tree inserts).
--   * support-ticket's tenants.is_active / users.is_active become the richer status columns of the
--     agentic spec; its UNIQUE tenants.name is dropped (two companies may share a name); slug and
--     domain are unique among live rows as partial unique indexes (a UNIQUE constraint cannot
--     carry a WHERE clause, a mistake production-stores makes elsewhere).
--   * multi-agent's TIMESTAMP columns are timestamptz here, like every time in Agentry.
--   * Emails are stored lower-cased; the check is a sanity check, the API validates properly.
--   * api_keys.key_hash is HMAC-SHA-256 with a server-side pepper (bytea, unique): keys are long
--     and random, so a fast keyed hash is safe and the token exchange is one index lookup.
--   * Every tenant table has RLS enabled AND forced, keyed on app.tenant_id, which the service
--     sets per transaction; the runtime role (${app_role}) is neither owner nor superuser.

CREATE FUNCTION current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE FUNCTION is_platform_admin() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(current_setting('app.platform_admin', true), '') = 'on' $$;

CREATE TABLE tenants (
    id                  uuid PRIMARY KEY,
    name                varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
    slug                varchar(64)  NOT NULL CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
    status              varchar(16)  NOT NULL DEFAULT 'active'
                        CHECK (status IN ('active', 'suspended', 'deleted')),
    plan                varchar(16)  NOT NULL DEFAULT 'free'
                        CHECK (plan IN ('free', 'starter', 'pro', 'enterprise')),
    max_agents          integer NOT NULL CHECK (max_agents >= 0),
    max_daily_requests  integer NOT NULL CHECK (max_daily_requests >= 0),
    max_monthly_tokens  bigint  NOT NULL CHECK (max_monthly_tokens >= 0),
    contact_email       varchar(320),
    contact_name        varchar(255),
    domain              varchar(255),
    settings            jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
    metadata            jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    deleted_at          timestamptz,
    CHECK ((status = 'deleted') = (deleted_at IS NOT NULL))
);
CREATE UNIQUE INDEX uq_tenants_slug ON tenants (slug) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX uq_tenants_domain ON tenants (lower(domain)) WHERE domain IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX idx_tenants_status ON tenants (status, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_tenants_deleted_at ON tenants (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE users (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email           varchar(320) NOT NULL CHECK (email = lower(email) AND email ~ '^[^@\s]+@[^@\s]+$'),
    username        varchar(64),
    password_hash   text NOT NULL,
    full_name       varchar(255),
    first_name      varchar(100),
    last_name       varchar(100),
    avatar_url      varchar(2048),
    role            varchar(16) NOT NULL DEFAULT 'user' CHECK (role IN ('admin', 'user', 'viewer', 'agent')),
    permissions     jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(permissions) = 'array'),
    status          varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'suspended')),
    email_verified  boolean NOT NULL DEFAULT false,
    last_login_at   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz
);
CREATE UNIQUE INDEX uq_users_tenant_email ON users (tenant_id, email) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX uq_users_tenant_username ON users (tenant_id, lower(username))
    WHERE username IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX idx_users_tenant_list ON users (tenant_id, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_users_tenant_status ON users (tenant_id, status) WHERE deleted_at IS NULL;

CREATE TABLE api_keys (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
    name            varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
    key_hash        bytea NOT NULL CHECK (length(key_hash) = 32),
    key_prefix      varchar(16) NOT NULL,
    pepper_id       varchar(32) NOT NULL,
    scopes          jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(scopes) = 'array'),
    status          varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked', 'expired')),
    expires_at      timestamptz,
    last_used_at    timestamptz,
    revoked_at      timestamptz,
    created_by      varchar(128),
    metadata        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
);
CREATE UNIQUE INDEX uq_api_keys_key_hash ON api_keys (key_hash);
CREATE INDEX idx_api_keys_tenant_list ON api_keys (tenant_id, id);
CREATE INDEX idx_api_keys_tenant_status ON api_keys (tenant_id, status);
CREATE INDEX idx_api_keys_user ON api_keys (user_id) WHERE user_id IS NOT NULL;

-- Row-level security. FORCE makes the policies apply to the table owner too.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_self ON tenants
    USING (id = current_tenant_id() OR is_platform_admin())
    WITH CHECK (id = current_tenant_id() OR is_platform_admin());

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- The token exchange must find a credential before it knows the tenant. Rather than widen the
-- runtime role, two SECURITY DEFINER functions run as the owner, who alone gets a read-only
-- policy for them; each answers exactly one row for one exact credential, nothing more.
CREATE POLICY credential_lookup ON tenants FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY credential_lookup ON users FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY credential_lookup ON api_keys FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION api_key_for_exchange(p_key_hash bytea)
    RETURNS TABLE (id uuid, tenant_id uuid, scopes jsonb, status varchar, expires_at timestamptz,
                   tenant_status varchar)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}, pg_temp
    AS $$
        SELECT k.id, k.tenant_id, k.scopes, k.status, k.expires_at, t.status
          FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
         WHERE k.key_hash = p_key_hash
    $$;

CREATE FUNCTION user_for_login(p_tenant_slug text, p_email text)
    RETURNS TABLE (id uuid, tenant_id uuid, password_hash text, role varchar, status varchar,
                   tenant_status varchar)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}, pg_temp
    AS $$
        SELECT u.id, u.tenant_id, u.password_hash, u.role, u.status, t.status
          FROM tenants t JOIN users u ON u.tenant_id = t.id
         WHERE t.slug = p_tenant_slug AND t.deleted_at IS NULL
           AND u.email = lower(p_email) AND u.deleted_at IS NULL
    $$;

REVOKE ALL ON FUNCTION api_key_for_exchange(bytea) FROM PUBLIC;
REVOKE ALL ON FUNCTION user_for_login(text, text) FROM PUBLIC;

GRANT USAGE ON SCHEMA ${schema} TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, users, api_keys TO ${app_role};
GRANT EXECUTE ON FUNCTION current_tenant_id(), is_platform_admin() TO ${app_role};
GRANT EXECUTE ON FUNCTION api_key_for_exchange(bytea), user_for_login(text, text) TO ${app_role};
