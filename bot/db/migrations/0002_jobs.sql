-- Jobs are recorded here before either driver sees them: PostgreSQL is the source of
-- truth, BullMQ (or the in-process poller) only wakes workers up. A restart loses nothing.
create table jobs (
  id bigserial primary key,
  queue text not null,
  name text not null,
  payload jsonb not null default '{}'::jsonb,
  status text not null default 'pending' check (status in ('pending', 'running', 'done', 'failed', 'cancelled')),
  run_at timestamptz not null default now(),
  attempts int not null default 0,
  max_attempts int not null default 5,
  backoff_ms int not null default 1000,
  repeat_every_ms bigint,
  dedupe_key text unique,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index jobs_due on jobs(queue, run_at) where status in ('pending', 'running');
