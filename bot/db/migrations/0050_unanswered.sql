-- 未知问题 review queue: what an admin did with a question the bot could not answer (or with
-- an agent's reply proposed as a new entry). Keyed by the normalised text, so the same
-- question typed again in another script or with other punctuation stays handled.
create table unanswered_dismissals (
  key text not null,
  -- 'question': a customer message the bot fell back or clarified on; 'agent_reply': a handover pair
  source text not null default 'question' check (source in ('question', 'agent_reply')),
  -- dismissed: hide for good; added: became a similar question of entry_id; new_entry: an entry was started from it
  outcome text not null check (outcome in ('dismissed', 'added', 'new_entry')),
  entry_id text,
  sample text not null,
  done_by text not null,
  done_at timestamptz not null default now(),
  primary key (key, source)
);
