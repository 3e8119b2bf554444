-- Files customers and agents send (photos, voice, video, documents), by the SHA-256 of their
-- bytes: a channel's redelivery or the same photo twice is stored once. The bytes live in
-- media_blobs on a PostgreSQL server (one backup, every replica reads them) and as files in
-- DATA_DIR/media on the embedded default (bot/media/store.ts); the row is the truth for both.
create table media_files (
  id text primary key,               -- sha256 hex of the bytes
  content_type text not null,        -- as checked by bot/media/types.ts, never the sender's word alone
  size integer not null check (size >= 0),
  created_at timestamptz not null default now()
);

create table media_blobs (
  id text primary key references media_files(id) on delete cascade,
  bytes bytea not null
);

-- A ticket's attachments may be a stored file: a customer's photo of the damage, sent in the
-- chat the ticket came from (url is then the staff media route of that file).
alter table ticket_attachments add column media_id text references media_files(id);
alter table ticket_attachments add column message_id bigint references messages(id) on delete set null;
create unique index ticket_attachments_media on ticket_attachments(ticket_id, media_id) where media_id is not null;
