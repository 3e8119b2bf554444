-- Tickets, round two: merged duplicates, and the resolution clock that stands still while
-- a ticket waits on the customer.

-- A duplicate merged into another ticket is closed (close_reason 'merged') and points at
-- the ticket that carries on; its own notes, attachments and history stay where they are.
alter table tickets add column if not exists merged_into_id bigint references tickets(id) on delete set null;
create index if not exists tickets_merged_into on tickets(merged_into_id) where merged_into_id is not null;

-- pending_customer stops the resolution clock: paused_at is when it stopped (null while it
-- runs), paused_ms the office time spent waiting so far in this round, which pushes the
-- resolution target back by exactly that much.
alter table tickets add column if not exists resolution_paused_at timestamptz;
alter table tickets add column if not exists resolution_paused_ms bigint not null default 0;
