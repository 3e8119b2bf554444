-- What each agent has read of each conversation, so unread markers in the console survive a
-- reload and follow the agent to another browser. One row per (agent, conversation): the last
-- message id they have seen; customer messages above it are unread.
create table conversation_reads (
  user_id bigint not null references staff_users(id) on delete cascade,
  conversation_id bigint not null references conversations(id) on delete cascade,
  last_read_message_id bigint not null default 0,
  read_at timestamptz not null default now(),
  primary key (user_id, conversation_id)
);
create index conversation_reads_conversation on conversation_reads(conversation_id);
