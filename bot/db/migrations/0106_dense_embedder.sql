-- A second, pretrained embedder beside the primary one (knowledge/embed/pretrained): each
-- role has at most one active embedder, and search fuses both with the keyword side.
alter table kb_embedders add column role text not null default 'primary' check (role in ('primary', 'dense'));
alter table kb_embedders drop constraint kb_embedders_kind_check;
alter table kb_embedders add constraint kb_embedders_kind_check check (kind in ('local', 'openai', 'pretrained'));
drop index kb_embedders_one_active;
create unique index kb_embedders_one_active on kb_embedders (role) where active;
