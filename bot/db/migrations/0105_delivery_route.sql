-- Which path carries an outbound message, as its own column instead of sentinel strings
-- in platform_message_id ('passive', 'outbox'): WeChat's webhook answer (passive) and the
-- delivery job (outbox) race for a fresh reply, and exactly one may take it. NULL while
-- neither has; platform_message_id now holds only ids the platform gave us.
alter table messages add column delivery_route text check (delivery_route in ('passive', 'outbox'));

update messages set delivery_route = platform_message_id, platform_message_id = null
 where platform_message_id in ('passive', 'outbox');
-- Everything else that went through the outbox already (sent, held, failed) was the delivery job's.
update messages set delivery_route = 'outbox'
 where delivery_route is null and delivery_status in ('sent', 'held', 'failed');
