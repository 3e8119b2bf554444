-- The model-written hand-off summary (bot/llm/summarize.ts), one per time a conversation
-- was queued, written by a background job after the hand-off committed. Kept apart from
-- conversations.handoff_summary, the rules' summary: that one is always there, this one
-- only when a model is configured and answered in time. Real values (masked placeholders
-- restored), since only staff read it.
create table handoff_model_summaries (
  conversation_id bigint not null references conversations(id) on delete cascade,
  queued_at timestamptz not null,
  summary jsonb not null,
  model text not null,
  created_at timestamptz not null default now(),
  primary key (conversation_id, queued_at)
);
