-- Knowledge entries: one curated answer per question (口径一致), versioned.
create table kb_categories (
  id bigserial primary key,
  parent_id bigint references kb_categories(id) on delete restrict,
  name text not null,
  depth int not null check (depth between 1 and 3),
  position int not null default 0,
  unique (parent_id, name)
);

create table kb_entries (
  id text primary key,
  question text not null,
  answer text not null,
  -- links, images and quick-reply buttons beside the text answer
  answer_extras jsonb not null default '{}'::jsonb,
  -- per-channel variants: {"telegram": "...", "wechat": "..."}
  channel_answers jsonb not null default '{}'::jsonb,
  category_path text[] not null default '{}',
  tags text[] not null default '{}',
  status text not null default 'draft' check (status in ('draft', 'published')),
  valid_from timestamptz,
  valid_to timestamptz,
  owner_id bigint references staff_users(id) on delete set null,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by text
);
create index kb_entries_status on kb_entries(status);

-- The standard question (is_primary) and every similar question (相似问法), in order.
create table kb_questions (
  id bigserial primary key,
  entry_id text not null references kb_entries(id) on delete cascade,
  text text not null,
  is_primary boolean not null default false,
  position int not null default 0
);
create index kb_questions_entry on kb_questions(entry_id);

-- Full snapshots per version: restore = copy a snapshot back as a new version.
create table kb_entry_versions (
  entry_id text not null references kb_entries(id) on delete cascade,
  version int not null,
  snapshot jsonb not null,
  changed_by text,
  changed_at timestamptz not null default now(),
  primary key (entry_id, version)
);

-- 同义词: admin-defined groups of interchangeable terms.
create table kb_synonyms (
  id bigserial primary key,
  terms text[] not null,
  created_at timestamptz not null default now()
);
