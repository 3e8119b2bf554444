-- Tickets (工单): numbered per day, typed, owned (首问负责) and assigned, with SLA clocks,
-- a full event history, link attachments, staff notifications, and the in-chat drafts
-- the bot fills while it asks the customer what the ticket needs.

-- Contact points the bot collects for a ticket are kept on the customer, so nobody asks twice.
alter table customers add column if not exists address text;

-- Per-day sequence for ticket numbers (T20261123-0007). One upsert per ticket: the row lock
-- serialises concurrent creators, so two tickets never get the same number.
create table ticket_counters (
  day text primary key,
  last int not null
);

create table tickets (
  id bigserial primary key,
  number text not null unique,
  customer_id text not null references customers(id) on delete cascade,
  conversation_id bigint references conversations(id) on delete set null,
  channel text,
  type text not null check (type in ('enquiry', 'complaint', 'suggestion', 'repair', 'return_refund', 'other')),
  category_path text[] not null default '{}',
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  status text not null default 'new' check (status in ('new', 'open', 'pending_customer', 'resolved', 'closed', 'reopened')),
  subject text not null,
  description text not null default '',
  -- what the category needed (product, model, address, phone, preferred time, order number…)
  fields jsonb not null default '{}'::jsonb,
  -- 首问负责: the first person responsible stays accountable; the assignee is who works it now
  owner_id bigint references staff_users(id) on delete set null,
  assignee_id bigint references staff_users(id) on delete set null,
  team text,
  kb_entry_id text,
  -- closed loop: why it was last reopened, and how it was closed (satisfied, no_response, staff)
  outcome text,
  close_reason text,
  reopen_count int not null default 0,
  -- SLA: jobs carry sla_version; a recompute bumps it, so stale timers do nothing
  sla_version int not null default 0,
  first_response_due_at timestamptz,
  first_response_warned_at timestamptz,
  first_response_breached_at timestamptz,
  first_responded_at timestamptz,
  resolution_start_at timestamptz not null default now(),
  resolution_due_at timestamptz,
  resolution_warned_at timestamptz,
  resolution_breached_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index tickets_customer on tickets(customer_id, created_at desc);
create index tickets_status on tickets(status, priority);
create index tickets_assignee on tickets(assignee_id) where status not in ('closed');

-- 服务留痕 for tickets: every change, note, reply and SLA event, in order.
create table ticket_events (
  id bigserial primary key,
  ticket_id bigint not null references tickets(id) on delete cascade,
  at timestamptz not null default now(),
  actor_type text not null,
  actor_id text,
  kind text not null,
  from_value text,
  to_value text,
  -- what the customer saw (status texts, agent replies); notes stay internal
  public_text text,
  data jsonb not null default '{}'::jsonb
);
create index ticket_events_ticket on ticket_events(ticket_id, id);

create table ticket_attachments (
  id bigserial primary key,
  ticket_id bigint not null references tickets(id) on delete cascade,
  url text not null,
  title text not null default '',
  added_by text not null,
  created_at timestamptz not null default now()
);

-- Staff notifications (SLA warnings, escalations, reopened tickets). A recipient is a person or a role.
create table notifications (
  id bigserial primary key,
  recipient_id bigint references staff_users(id) on delete cascade,
  recipient_role text,
  kind text not null,
  subject_type text not null,
  subject_id text not null,
  data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_recipient on notifications(recipient_id, created_at desc);

-- The ticket the bot is collecting in a conversation: what it has and what it asks next.
create table ticket_drafts (
  conversation_id bigint primary key references conversations(id) on delete cascade,
  customer_id text not null references customers(id) on delete cascade,
  type text,
  fields jsonb not null default '{}'::jsonb,
  asking text,
  context text not null default '',
  started_at timestamptz not null default now()
);
