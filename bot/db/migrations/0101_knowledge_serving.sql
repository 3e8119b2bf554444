-- Serving-side additions to the knowledge index (knowledge/search/serving-state.ts).

-- One counter every index or threshold change bumps. Each process caches what it needs
-- per query (thresholds, embedder, collection size) under this number and re-reads it
-- only when the number moves, so an edit made on another instance is seen at once for
-- the price of one one-row read.
create table kb_index_state (
  id int primary key default 1 check (id = 1),
  version bigint not null default 0,
  -- Entries re-indexed since the thresholds were last calibrated (onKnowledgeChanged).
  edits_since_calibration int not null default 0,
  calibration_stale boolean not null default false,
  changed_at timestamptz not null default now()
);
insert into kb_index_state (id) values (1);

-- BM25's length-normalised term-frequency part, stored with each posting so keyword
-- candidates can be read best-first per term (bounded work even for very common terms)
-- instead of scanning and scoring every posting of the term.
alter table kb_postings add column impact real not null default 0;
create index kb_postings_impact on kb_postings (term, impact desc);

-- Exact BM25 for a few candidate entries looks up (entry, term) pairs directly.
drop index kb_postings_entry;
create index kb_postings_entry_term on kb_postings (entry_id, term);

-- A 1024-dimension vector is ~4 KB: past the TOAST threshold, so by default it lives
-- out of line and every exact re-score pays a TOAST lookup per row. Inline storage
-- (one or two rows per 8 KB page) makes those reads direct; up to 2000 dimensions fit.
alter table kb_question_vectors alter column embedding set storage plain;
alter table kb_entry_vectors alter column embedding set storage plain;

-- A 256-dimension count sketch of each entry vector (knowledge/embed/sketch.ts): what
-- the HNSW index is built on. A quarter of the size of the full vector, so the graph of
-- a 100k-entry KB stays in memory and each hop is cheap; candidates are re-scored with
-- the full vectors, so only candidate recall depends on it.
alter table kb_entry_vectors add column sketch vector;
