-- Knowledge search index (knowledge/search, knowledge/embed, knowledge/decide).
-- Everything here is derived from kb_entries / kb_questions and can be rebuilt from them.

-- Embedders: one row per embedder *configuration*. Vectors are stored under its id, so a
-- new embedder (or a relearned local model) fills its own rows in the background while
-- the active one keeps answering; switching is flipping `active` once it is ready.
create table kb_embedders (
  id text primary key,
  kind text not null check (kind in ('local', 'openai')),
  dims int not null check (dims between 1 and 2000),
  config jsonb not null default '{}'::jsonb,
  -- local embedder only: what it learned from the knowledge base (hashed feature counts)
  model bytea,
  state text not null default 'building' check (state in ('building', 'ready', 'retired')),
  active boolean not null default false,
  progress_done int not null default 0,
  progress_total int not null default 0,
  created_at timestamptz not null default now(),
  ready_at timestamptz
);
create unique index kb_embedders_one_active on kb_embedders (active) where active;

-- One vector per question and embedder. The column has no fixed dimension because
-- embedders differ; each embedder gets its own partial HNSW index on
-- (embedding::vector(dims)) when it is registered (knowledge/embed/registry.ts).
create table kb_question_vectors (
  embedder_id text not null references kb_embedders(id) on delete cascade,
  question_id bigint not null references kb_questions(id) on delete cascade,
  entry_id text not null references kb_entries(id) on delete cascade,
  embedding vector not null,
  primary key (embedder_id, question_id)
);
create index kb_question_vectors_entry on kb_question_vectors (embedder_id, entry_id);

-- One vector per entry and embedder: a linear classifier's weights (score = w · x),
-- trained from the entry's questions; searched by inner product.
create table kb_entry_vectors (
  embedder_id text not null references kb_embedders(id) on delete cascade,
  entry_id text not null references kb_entries(id) on delete cascade,
  embedding vector not null,
  primary key (embedder_id, entry_id)
);

-- Keyword side: BM25 postings over words and Chinese character bigrams. Plain tables,
-- so the same SQL works on PGlite and PostgreSQL without any text-search configuration.
create table kb_postings (
  term text not null,
  question_id bigint not null references kb_questions(id) on delete cascade,
  entry_id text not null references kb_entries(id) on delete cascade,
  tf real not null,
  primary key (term, question_id)
);
create index kb_postings_question on kb_postings (question_id);
create index kb_postings_entry on kb_postings (entry_id);

create table kb_keyword_docs (
  question_id bigint primary key references kb_questions(id) on delete cascade,
  entry_id text not null references kb_entries(id) on delete cascade,
  len int not null
);
create index kb_keyword_docs_entry on kb_keyword_docs (entry_id);

-- Document frequency per term, kept up to date by every (re)index.
create table kb_terms (
  term text primary key,
  df int not null
);

-- Answer / clarify / fallback thresholds: calibrated from the knowledge base, or set
-- by an admin (override wins). One row.
create table kb_calibration (
  id int primary key default 1 check (id = 1),
  target_precision real not null default 0.95,
  calibrated jsonb,
  override jsonb,
  kb_version text,
  calibrated_at timestamptz
);
insert into kb_calibration (id) values (1);

-- Collection size for BM25 (question count, total length): one row, kept by every (re)index.
create table kb_keyword_stats (
  id int primary key default 1 check (id = 1),
  docs int not null default 0,
  total_len bigint not null default 0
);
insert into kb_keyword_stats (id) values (1);
