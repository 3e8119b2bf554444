-- Foundation: pgvector, staff accounts, sessions, API tokens, login throttling, audit trail.
create extension if not exists vector;

create table staff_users (
  id bigserial primary key,
  username text not null unique,
  display_name text not null,
  role text not null check (role in ('admin', 'supervisor', 'agent')),
  password_hash text not null,
  locale text not null default 'zh' check (locale in ('zh', 'en')),
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Only a hash of the session token is stored: a leaked table cannot be replayed.
create table staff_sessions (
  token_hash text primary key,
  user_id bigint not null references staff_users(id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index staff_sessions_user on staff_sessions(user_id);

create table api_tokens (
  id bigserial primary key,
  name text not null,
  token_hash text not null unique,
  role text not null check (role in ('admin', 'supervisor', 'agent')),
  created_by bigint references staff_users(id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Failed logins per key (username + address); shared by every replica.
create table login_failures (
  key text not null,
  at timestamptz not null default now()
);
create index login_failures_key_at on login_failures(key, at);

-- 服务留痕: every state change anywhere is one row here: who, what, when.
create table audit_events (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_type text not null,
  actor_id text,
  action text not null,
  subject_type text not null,
  subject_id text,
  data jsonb not null default '{}'::jsonb
);
create index audit_events_subject on audit_events(subject_type, subject_id, at);
create index audit_events_at on audit_events(at);
