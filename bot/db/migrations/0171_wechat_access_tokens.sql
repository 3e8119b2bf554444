-- The WeChat access token, one row per app id, shared by every replica and the worker
-- (adapters/wechat-oa/tokenStore.ts). Each new token from /cgi-bin/token invalidates the one
-- before it (after a short overlap), so processes that each fetched their own would keep
-- invalidating each other: Tencent asks for one central store. Whoever renews takes the
-- lease (refreshing_by/refreshing_until, set under `select … for update`) and calls
-- /cgi-bin/token outside any transaction; the others wait for the row to change.
create table wechat_access_tokens (
  app_id text primary key,
  token text,                        -- null until the first one is fetched
  renew_at timestamptz,              -- fetch the next one from here (WeChat's expires_in less the margin)
  refreshing_by text,                -- the process holding the lease, while it calls /cgi-bin/token
  refreshing_until timestamptz,      -- the lease ends here even if its holder died
  updated_at timestamptz not null default now()
);
