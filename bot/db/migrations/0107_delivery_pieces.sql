-- A reply a channel takes in several pieces (WeChat's 2048-byte texts, Telegram's 4096
-- characters, one activity per card) records each piece as it goes out: the platform's id,
-- or '' where it returns none. A retry, or a reply held part-way by a quota, resumes at
-- the first unsent piece instead of repeating what the customer already has, and the
-- record survives a restart (an in-memory list did not).
alter table messages add column delivered_pieces text[] not null default '{}';
