-- Customer profiles that staff edit and merge, and labels on conversations (issue 18, items 3 and 9).

-- A merged customer stays as a row (old audit rows and ticket events name it), pointing at
-- the customer that carries on; everything it owned moved there.
alter table customers add column if not exists merged_into_id text references customers(id) on delete set null;
alter table customers add column if not exists merged_at timestamptz;

-- Free-text labels agents put on a conversation ("退款", "vip-回访"), normalised by
-- bot/customers/profileRules.ts, one row per label.
create table if not exists conversation_labels (
  conversation_id bigint not null references conversations(id) on delete cascade,
  label text not null,
  added_by text not null,
  created_at timestamptz not null default now(),
  primary key (conversation_id, label)
);
create index if not exists conversation_labels_label on conversation_labels(label);
