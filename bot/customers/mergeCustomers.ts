/**
 * Merge two customer records that are one person (their WeChat and their Telegram, say):
 * identities, conversations, tickets, ticket drafts, surveys and answer votes move to the
 * customer kept; the profile keeps its own values and takes the other's where it has none
 * (tags together, VIP if either was). The merged record stays, pointing at the kept one,
 * so old audit rows still resolve. One audit row records who merged which two and what
 * moved. Afterwards a message on either channel reaches the kept customer (统一服务出口).
 */
import { z } from 'zod'
import { recordEvent } from '../audit.ts'
import type { Ctx } from '../context.ts'
import { inConversationTx } from '../conversations/announce.ts'
import { moveConversations, reprioritise } from '../conversations/customerChange.ts'
import type { Db } from '../db/client.ts'
import { Conflict, NotFound, ValidationError } from '../errors.ts'
import { parseInput } from '../http/json.ts'
import { PROFILE_LIMITS } from './profileRules.ts'
import { profileRow, type ProfileRow } from './rows.ts'

export const mergeInput = z.object({ mergeId: z.string().trim().min(1).max(100) })

/** Tables that hold a customer's own rows besides identities and conversations. */
const OWNED = ['tickets', 'ticket_drafts', 'surveys', 'kb_feedback'] as const

async function lockBoth(tx: Db, keepId: string, mergeId: string): Promise<[ProfileRow, ProfileRow]> {
  // Always in id order, so two merges of the same pair in opposite directions cannot deadlock.
  const r = await tx.query('select * from customers where id = any($1) order by id for update', [[keepId, mergeId]])
  const rows = r.rows.map((x) => profileRow.parse(x))
  const keep = rows.find((x) => x.id === keepId)
  const merge = rows.find((x) => x.id === mergeId)
  if (!keep || !merge) throw new NotFound(`没有这位客户：${keep ? mergeId : keepId}。 No customer ${keep ? mergeId : keepId}.`)
  for (const c of [keep, merge])
    if (c.merged_into_id) throw new Conflict(`客户 ${c.id} 已经合并到 ${c.merged_into_id}。 Customer ${c.id} was already merged into ${c.merged_into_id}.`)
  return [keep, merge]
}

/** The kept profile, with the merged one's values where it had none. */
function combined(keep: ProfileRow, merge: ProfileRow) {
  const notes = [keep.notes, merge.notes].filter((n) => n.trim()).join('\n')
  return {
    name: keep.name ?? merge.name,
    phone: keep.phone ?? merge.phone,
    email: keep.email ?? merge.email,
    address: keep.address ?? merge.address,
    language: keep.language ?? merge.language,
    tags: [...new Set([...keep.tags, ...merge.tags])].slice(0, PROFILE_LIMITS.tags),
    notes: notes.slice(0, PROFILE_LIMITS.notes),
    tier: keep.tier === 'vip' || merge.tier === 'vip' ? ('vip' as const) : keep.tier,
    account_manager_id: keep.account_manager_id ?? merge.account_manager_id,
  }
}

export async function mergeCustomers({ ctx, keepId, input }: { ctx: Ctx; keepId: string; input: unknown }) {
  const { mergeId } = parseInput(mergeInput, input)
  if (mergeId === keepId) throw new ValidationError('不能把客户合并到自己。 A customer cannot be merged into itself.')
  return inConversationTx(ctx, async (w) => {
    const { tx } = w
    const [keep, merge] = await lockBoth(tx, keepId, mergeId)
    const conversations = await moveConversations(w, mergeId, keepId)
    const identities = await tx.query<{ channel: string; external_id: string }>(
      'update customer_identities set customer_id = $2 where customer_id = $1 returning channel, external_id',
      [mergeId, keepId],
    )
    const moved: Record<string, number> = { identities: identities.rows.length, conversations: conversations.length }
    for (const table of OWNED) moved[table] = (await tx.query(`update ${table} set customer_id = $2 where customer_id = $1`, [mergeId, keepId])).rowCount
    const profile = combined(keep, merge)
    const now = ctx.clock.now()
    const cols = Object.keys(profile) as (keyof typeof profile)[]
    await tx.query(`update customers set ${cols.map((k, i) => `${k} = $${i + 3}`).join(', ')}, updated_at = $2 where id = $1`, [
      keepId,
      now,
      ...cols.map((k) => profile[k]),
    ])
    await tx.query('update customers set merged_into_id = $2, merged_at = $3, updated_at = $3 where id = $1', [mergeId, keepId, now])
    if (profile.tier !== keep.tier || profile.tier !== merge.tier) await reprioritise(w, keepId, profile.tier)
    await recordEvent(
      tx,
      ctx.actor,
      'customer.merged',
      { type: 'customer', id: keepId },
      { keptId: keepId, mergedId: mergeId, moved, identities: identities.rows.map((i) => `${i.channel}:${i.external_id}`), conversationIds: conversations },
    )
    return { keptId: keepId, mergedId: mergeId, moved }
  })
}
