-- 预防: a complaint is resolved with its root cause and what prevents it happening again
-- (issue 18, item 6); kept on the ticket so recurring causes can be read back.
alter table tickets add column root_cause text;
