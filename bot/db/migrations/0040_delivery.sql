-- Outbound delivery to push channels (WeChat, Telegram, Teams…): the messages table is the
-- outbox. A reply is stored 'pending' in the turn's transaction; a job sends it and
-- records the platform's id; a sweeper re-queues anything pending that no job holds.
alter table messages add column delivery_status text
  check (delivery_status in ('pending', 'sent', 'failed', 'held'));
alter table messages add column platform_message_id text;
alter table messages add column delivery_error text;
alter table messages add column delivered_at timestamptz;
create index messages_undelivered on messages(created_at) where delivery_status in ('pending', 'held');
