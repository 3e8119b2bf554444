/**
 * The customer's one open conversation on a channel (统一服务出口): found and locked, or
 * opened. A newer reply address from the channel (a Teams conversation reference…) replaces
 * the stored one, so replies follow the customer — except that a conversation a person is
 * handling (waiting or with an agent) in a private place never moves to a shared one: a
 * customer queued in a private chat who then @-mentions the bot in a group must not have the
 * agent's reply (order number, phone) posted in that group.
 */
import type { Db } from '../db/client.ts'
import { toConversation } from './rows.ts'
import { lockOpenConversation, type OpenedConversation } from './store.ts'
import type { Channel, Locale } from './types.ts'

export async function openConversation(
  tx: Db,
  customerId: string,
  channel: Channel,
  address: Record<string, unknown>,
  language: Locale,
  now: Date,
): Promise<OpenedConversation> {
  const found = await lockOpenConversation(tx, customerId, channel)
  const hasAddress = Object.keys(address).length > 0
  if (found) {
    const staysPrivate = (found.status === 'waiting' || found.status === 'agent') && isShared(address) && !isShared(found.address)
    if (!hasAddress || staysPrivate) return found
    await tx.query('update conversations set channel_address = $2 where id = $1', [found.id, JSON.stringify(address)])
    return { ...found, address }
  }
  const r = await tx.query(
    `insert into conversations (customer_id, channel, channel_address, language, created_at, updated_at) values ($1, $2, $3, $4, $5, $5) returning *`,
    [customerId, channel, JSON.stringify(address), language, now],
  )
  return { ...toConversation(r.rows[0]), hasDraft: false }
}

const isShared = (address: Record<string, unknown>) => address.shared === true
