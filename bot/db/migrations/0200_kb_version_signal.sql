-- The knowledge index's version is held in memory by every process (knowledge/search/kb-version.ts):
-- when it moves, this tells them, after the commit, through LISTEN kefu_kb.
create function kb_version_signal() returns trigger language plpgsql as $$
begin
  perform pg_notify('kefu_kb', new.version::text);
  return null;
end $$;
create trigger kb_version_signal after update of version on kb_index_state
  for each row when (old.version is distinct from new.version) execute function kb_version_signal();

-- One step per transaction, however many statements in it change the knowledge base: a bulk
-- action of 50 entries is one change, and the number says how many changes there were.
alter table kb_index_state add column bumped_by xid8;
create function kb_bump_version() returns void language sql as $$
  update kb_index_state set version = version + 1, changed_at = now(), bumped_by = pg_current_xact_id()
   where id = 1 and bumped_by is distinct from pg_current_xact_id()
$$;

-- Entries' answers are cached with the serving state under that version
-- (knowledge/search/live-answer.ts), so every write to kb_entries moves it, in the writer's
-- own transaction: through the admin panel, an import, or plain SQL alike.
create function kb_entries_changed() returns trigger language plpgsql as $$
begin
  perform kb_bump_version();
  return null;
end $$;
create trigger kb_entries_changed after insert or update or delete or truncate on kb_entries
  for each statement execute function kb_entries_changed();
