-- Satisfaction surveys (满意度) and the ticket callback (回访): one row per survey, holding
-- who it rates (agent recorded when it is sent, team, channel, knowledge entry) and the answer.
create table surveys (
  id bigserial primary key,
  -- conversation: after a human-handled conversation closes; ticket: the 回访 after each resolution
  subject_type text not null check (subject_type in ('conversation', 'ticket')),
  subject_conversation_id bigint references conversations(id) on delete cascade,
  ticket_id bigint references tickets(id) on delete cascade,
  -- which resolution of the ticket this asks about (a reopened ticket is asked again)
  round int not null default 1,
  customer_id text not null references customers(id) on delete cascade,
  -- where it was sent (the conversation the question went into)
  conversation_id bigint references conversations(id) on delete set null,
  channel text,
  agent_id bigint references staff_users(id) on delete set null,
  team text,
  kb_entry_id text,
  scale text not null default 'three' check (scale in ('three', 'five')),
  status text not null default 'scheduled' check (status in ('scheduled', 'sent', 'answered', 'expired', 'cancelled')),
  score int,
  -- satisfied / basic / dissatisfied, whatever the scale
  level text check (level in ('satisfied', 'basic', 'dissatisfied')),
  comment text,
  outcome text,
  send_at timestamptz not null,
  sent_at timestamptz,
  expires_at timestamptz,
  answered_at timestamptz,
  created_at timestamptz not null default now()
);
-- Never twice: one survey per closed conversation, one per ticket resolution.
create unique index surveys_one_per_conversation on surveys(subject_conversation_id) where subject_type = 'conversation';
create unique index surveys_one_per_resolution on surveys(ticket_id, round) where subject_type = 'ticket';
create index surveys_open on surveys(customer_id, status) where status = 'sent';
create index surveys_sent_at on surveys(sent_at);

-- 👍 / 👎 under a bot answer: a rating for the knowledge entry that answered.
create table kb_feedback (
  id bigserial primary key,
  entry_id text not null,
  message_id bigint references messages(id) on delete cascade,
  customer_id text not null references customers(id) on delete cascade,
  conversation_id bigint references conversations(id) on delete cascade,
  helpful boolean not null,
  created_at timestamptz not null default now()
);
-- One vote per answer and customer: pressing again changes the vote.
create unique index kb_feedback_one_vote on kb_feedback(message_id, customer_id);
