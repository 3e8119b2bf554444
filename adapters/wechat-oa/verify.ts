/**
 * WeChat's webhook signatures. Every call carries `signature` = SHA-1 of the sorted
 * token, timestamp and nonce; in safe mode `msg_signature` adds the Encrypt field, so
 * the ciphertext itself is signed. A missing or wrong signature is a 401 before anything
 * is parsed or stored.
 */
import { createHash } from 'node:crypto'
import { safeEqual } from '../../bot/auth/secrets.ts'
import { Unauthorized } from '../../bot/errors.ts'

/** SHA-1 (hex) of the parts sorted as strings and joined, as WeChat computes it. */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex')
}

export interface SignedQuery {
  signature?: string
  msg_signature?: string
  timestamp?: string
  nonce?: string
}

const matches = (sent: string | undefined, expected: string) => !!sent && safeEqual(sent.toLowerCase(), expected)

/** The URL signature (GET verification and plain-mode POSTs). */
export function checkSignature(token: string, q: SignedQuery): void {
  if (!q.timestamp || !q.nonce || !matches(q.signature, wechatSignature(token, q.timestamp, q.nonce))) {
    throw new Unauthorized('WeChat signature missing or wrong: check that WECHAT_TOKEN matches the Token in 服务器配置.')
  }
}

/** The message signature of safe mode, over the Encrypt field as sent. */
export function checkMsgSignature(token: string, q: SignedQuery, encrypt: string): void {
  if (!q.timestamp || !q.nonce || !matches(q.msg_signature, wechatSignature(token, q.timestamp, q.nonce, encrypt))) {
    throw new Unauthorized('WeChat msg_signature missing or wrong: check WECHAT_TOKEN.')
  }
}
