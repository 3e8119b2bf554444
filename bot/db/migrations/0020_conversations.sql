-- Customers, their channel identities, conversations, messages, agent presence, canned
-- responses and run-time settings (issue: conversations and handoff).
create table customers (
  id text primary key,
  name text,
  phone text,
  email text,
  language text check (language in ('zh', 'en')),
  tier text not null default 'standard' check (tier in ('standard', 'vip')),
  tags text[] not null default '{}',
  notes text not null default '',
  account_manager_id bigint references staff_users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One customer, many channel identities (a WeChat openid, a Telegram user, a web visitor…).
create table customer_identities (
  channel text not null,
  external_id text not null,
  customer_id text not null references customers(id) on delete cascade,
  display_name text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  primary key (channel, external_id)
);
create index customer_identities_customer on customer_identities(customer_id);

create table conversations (
  id bigserial primary key,
  customer_id text not null references customers(id) on delete cascade,
  channel text not null,
  -- where replies go on the channel (a Telegram chat, a Teams conversation reference…)
  channel_address jsonb not null default '{}'::jsonb,
  status text not null default 'bot' check (status in ('bot', 'waiting', 'agent', 'closed')),
  -- 首问负责: the first staff member who took it stays accountable; assignee is who works it now
  owner_id bigint references staff_users(id) on delete set null,
  assignee_id bigint references staff_users(id) on delete set null,
  team text,
  priority int not null default 0,
  language text not null default 'zh',
  fallback_streak int not null default 0,
  -- options the bot offered last (clarify / handoff buttons), so "2" or a button press maps back
  pending_options jsonb not null default '[]'::jsonb,
  handoff_reason text,
  handoff_summary jsonb,
  queued_at timestamptz,
  assigned_at timestamptz,
  first_response_at timestamptz,
  closed_at timestamptz,
  last_customer_message_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index conversations_customer on conversations(customer_id, created_at desc);
create index conversations_queue on conversations(status, priority desc, queued_at) where status = 'waiting';
create index conversations_assignee on conversations(assignee_id) where status = 'agent';
-- At most one open conversation per customer and channel: the customer stays in one thread.
create unique index conversations_one_open on conversations(customer_id, channel) where status <> 'closed';

create table messages (
  id bigserial primary key,
  conversation_id bigint not null references conversations(id) on delete cascade,
  direction text not null check (direction in ('in', 'out', 'internal')),
  sender_type text not null check (sender_type in ('customer', 'bot', 'agent', 'system')),
  sender_id text,
  text text not null default '',
  -- buttons, links, images
  parts jsonb not null default '{}'::jsonb,
  is_private boolean not null default false,
  channel text not null,
  -- the channel's own id: a redelivered message hits the unique index and is not answered twice
  channel_message_id text,
  kb_entry_id text,
  kind text,
  created_at timestamptz not null default now()
);
create unique index messages_channel_id on messages(channel, channel_message_id) where channel_message_id is not null;
create index messages_conversation on messages(conversation_id, id);

create table agent_presence (
  user_id bigint primary key references staff_users(id) on delete cascade,
  status text not null default 'offline' check (status in ('online', 'away', 'offline')),
  capacity int not null default 5 check (capacity between 1 and 100),
  teams text[] not null default '{}',
  last_seen_at timestamptz not null default now()
);

create table canned_responses (
  id bigserial primary key,
  shortcut text not null unique,
  text text not null,
  created_by bigint references staff_users(id) on delete set null,
  created_at timestamptz not null default now()
);

-- Run-time settings an admin may change without a restart (handoff keywords, office hours…).
create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by text
);
