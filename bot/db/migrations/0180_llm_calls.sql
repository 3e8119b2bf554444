-- Every call Kefu makes to a language model (bot/llm/ask.ts): what for, how long, how many
-- tokens and how it ended. The daily token cap is counted from here, and an admin can see
-- what the model costs and how often it failed or was too slow (then the curated path answered).
create table llm_calls (
  id bigserial primary key,
  purpose text not null,                 -- judge, rewrite, summary, suggest, extract, health
  model text not null,
  conversation_id bigint references conversations(id) on delete set null,
  outcome text not null check (outcome in ('ok', 'timeout', 'error', 'invalid', 'capped')),
  prompt_tokens integer not null default 0,
  completion_tokens integer not null default 0,
  latency_ms integer not null default 0,
  detail text,                           -- why it failed (an HTTP status, a parse error), never the prompt
  created_at timestamptz not null default now()
);
create index llm_calls_day on llm_calls (created_at);
