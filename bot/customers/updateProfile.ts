/**
 * Staff edit a customer's profile: name, phone, email, tags, notes, tier and account
 * manager. What they type is normalised (full-width digits, spaces in phone numbers, tag
 * case) and checked; every refusal names the field in zh and en and nothing is saved. The
 * change is one audit row listing each field's before and after (服务留痕). Tier and account
 * manager are what handoff routes by (bot/handoff/requestHandoff.ts reads them from here),
 * so a tier change re-orders the customer's open conversations at once.
 */
import { z } from 'zod'
import { recordEvent } from '../audit.ts'
import type { Ctx } from '../context.ts'
import { inConversationTx } from '../conversations/announce.ts'
import { reprioritise } from '../conversations/customerChange.ts'
import type { Db } from '../db/client.ts'
import { Forbidden, NotFound } from '../errors.ts'
import { parseInput } from '../http/json.ts'
import { profileIssue, refuse, type ProfileIssue } from './profileErrors.ts'
import { normaliseEmail, normaliseLabel, normalisePhone, PROFILE_ERRORS, PROFILE_LIMITS } from './profileRules.ts'
import { CUSTOMER_TIERS, profileRow, type ProfileRow } from './rows.ts'

export const profileInput = z
  .object({
    name: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    tags: z.array(z.string()),
    notes: z.string(),
    tier: z.string(),
    accountManagerId: z.number().int().positive().nullable(),
  })
  .partial()
  .strict()
export type ProfileInput = z.infer<typeof profileInput>

type Changes = Partial<Pick<ProfileRow, 'name' | 'phone' | 'email' | 'tags' | 'notes' | 'tier' | 'account_manager_id'>>

/** The columns an input sets, normalised; refuses with every bad field at once. */
async function readChanges(db: Db, input: ProfileInput): Promise<Changes> {
  const issues: ProfileIssue[] = []
  const out: Changes = {}
  const blank = (v: string | null | undefined) => v == null || !v.trim()
  if (input.name !== undefined) {
    const name = blank(input.name) ? null : input.name!.replace(/\s+/g, ' ').trim()
    if (name && name.length > PROFILE_LIMITS.name) issues.push(profileIssue('name', 'name'))
    else out.name = name
  }
  if (input.phone !== undefined) {
    const phone = blank(input.phone) ? null : normalisePhone(input.phone!)
    if (!blank(input.phone) && !phone) issues.push(profileIssue('phone', 'phone'))
    else out.phone = phone
  }
  if (input.email !== undefined) {
    const email = blank(input.email) ? null : normaliseEmail(input.email!)
    if (!blank(input.email) && !email) issues.push(profileIssue('email', 'email'))
    else out.email = email
  }
  if (input.tags !== undefined) {
    const tags = input.tags.map((t) => normaliseLabel(t, PROFILE_LIMITS.tag))
    const bad = tags.findIndex((t) => t == null)
    const unique = [...new Set(tags.filter((t): t is string => t != null))]
    if (bad >= 0) issues.push(profileIssue(`tags.${bad}`, 'tag'))
    else if (unique.length > PROFILE_LIMITS.tags) issues.push(profileIssue('tags', 'tags'))
    else out.tags = unique
  }
  if (input.notes !== undefined) {
    if (input.notes.length > PROFILE_LIMITS.notes) issues.push(profileIssue('notes', 'notes'))
    else out.notes = input.notes.trim()
  }
  if (input.tier !== undefined) {
    const tier = CUSTOMER_TIERS.find((t) => t === input.tier!.trim().toLowerCase())
    if (!tier) issues.push(profileIssue('tier', 'tier'))
    else out.tier = tier
  }
  if (input.accountManagerId !== undefined) {
    const id = input.accountManagerId
    const active = id == null || (await db.query('select 1 from staff_users where id = $1 and not disabled', [id])).rows[0]
    if (!active) issues.push(profileIssue('accountManagerId', 'accountManager'))
    else out.account_manager_id = id
  }
  if (issues.length) refuse(issues)
  return out
}

const COLUMNS = ['name', 'phone', 'email', 'tags', 'notes', 'tier', 'account_manager_id'] as const
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export async function updateCustomerProfile({ ctx, id, input }: { ctx: Ctx; id: string; input: unknown }): Promise<ProfileRow> {
  const raw = parseInput(profileInput, input)
  // Who serves a customer is a supervisor's decision: it routes their chats past the queue.
  if (raw.accountManagerId !== undefined && !('role' in ctx.actor && ctx.actor.role !== 'agent')) {
    const [zh, en] = PROFILE_ERRORS.accountManagerRole
    throw new Forbidden(`${zh} ${en}`, { issues: [profileIssue('accountManagerId', 'accountManagerRole')] })
  }
  return inConversationTx(ctx, async (w) => {
    const found = (await w.tx.query('select * from customers where id = $1 for update', [id])).rows[0]
    if (!found) throw new NotFound(`没有这位客户：${id}。 No customer ${id}.`)
    const before = profileRow.parse(found)
    if (before.merged_into_id) throw new NotFound(`这位客户已合并到 ${before.merged_into_id}。 This customer was merged into ${before.merged_into_id}.`)
    const wanted = await readChanges(w.tx, raw)
    const changed = COLUMNS.filter((k) => k in wanted && !same(wanted[k], before[k]))
    if (!changed.length) return before
    const r = await w.tx.query(`update customers set ${changed.map((k, i) => `${k} = $${i + 3}`).join(', ')}, updated_at = $2 where id = $1 returning *`, [
      id,
      ctx.clock.now(),
      ...changed.map((k) => wanted[k]),
    ])
    const after = profileRow.parse(r.rows[0])
    const changes = Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }]))
    await recordEvent(w.tx, ctx.actor, 'customer.updated', { type: 'customer', id }, { changes })
    if (changed.includes('tier')) await reprioritise(w, id, after.tier)
    return after
  })
}
