-- The keyword side scores an entry as one document (all its questions together), so it
-- needs entry-level statistics beside the question-level ones the candidate search uses:
-- how many entries contain a term, and how many entries are indexed.
alter table kb_terms add column edf int not null default 0;
alter table kb_keyword_stats add column entries int not null default 0;

update kb_terms t set edf = c.n
  from (select term, count(distinct entry_id)::int n from kb_postings group by term) c
 where c.term = t.term;
update kb_keyword_stats set entries = (select count(distinct entry_id) from kb_keyword_docs) where id = 1;
