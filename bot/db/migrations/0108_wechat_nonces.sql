-- WeChat webhook calls seen within the signature window (adapters/wechat-oa/replay.ts). Plain
-- mode signs only token, timestamp and nonce, not the body: a captured query is good once, or
-- again only with the very same body (WeChat's own retry). Rows older than the window are purged.
create table wechat_nonces (
  key text primary key,          -- timestamp:nonce, as signed
  body_sha256 text not null,
  seen_at timestamptz not null
);
create index wechat_nonces_seen_at on wechat_nonces(seen_at);
