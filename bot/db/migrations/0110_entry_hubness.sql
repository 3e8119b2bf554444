-- How close an entry's pretrained-model centroid sits to the crowd: the mean cosine to its ten
-- nearest other entries (knowledge/search/hubness.ts). Search subtracts a share of it where
-- entries are single questions, so an entry that is near everything stops winning everything.
-- Null for embedders that do not keep it.
alter table kb_entry_vectors add column hub real;
