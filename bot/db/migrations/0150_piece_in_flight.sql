-- A piece of a reply is marked as started just before the platform call and unmarked when
-- the call returns (recorded as sent) or throws (not sent; a retry may send it). A mark
-- still set when the delivery runs again means the process died during the call: whether
-- the customer got that piece is unknown, so it is not sent again (no duplicate) but listed
-- in unconfirmed_pieces and told to the agent as "may not have arrived". The token names
-- the run that set the mark, so a run whose job was taken over cannot record over another.
alter table messages add column sending_piece int;
alter table messages add column sending_token text;
alter table messages add column unconfirmed_pieces int[] not null default '{}';
