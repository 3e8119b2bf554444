/**
 * Labels agents put on a conversation ("退款", "回访") to find it again: free text,
 * normalised (half-width, spaces collapsed, lower case, a leading # dropped) so "#VIP 回访"
 * and "vip 回访" are one label. Adding one twice or removing one that is not there changes
 * nothing and records nothing; every real change is an audit row.
 */
import { recordEvent } from '../audit.ts'
import type { Ctx } from '../context.ts'
import { normaliseLabel, PROFILE_LIMITS } from '../customers/profileRules.ts'
import { profileIssue, refuse } from '../customers/profileErrors.ts'
import type { Db } from '../db/client.ts'
import { NotFound } from '../errors.ts'
import { actorLabel } from '../context.ts'
import { inConversationTx } from './announce.ts'
import { readConversation } from './store.ts'

export async function labelsOf(db: Db, conversationId: number): Promise<string[]> {
  const r = await db.query<{ label: string }>('select label from conversation_labels where conversation_id = $1 order by label', [conversationId])
  return r.rows.map((x) => x.label)
}

function mustBeLabel(raw: string): string {
  const label = normaliseLabel(raw)
  if (!label) refuse([profileIssue('label', 'label')])
  return label
}

async function change(ctx: Ctx, conversationId: number, raw: string, add: boolean): Promise<string[]> {
  const label = mustBeLabel(raw)
  return inConversationTx(ctx, async (w) => {
    const conv = await readConversation(w.tx, conversationId, true)
    if (!conv) throw new NotFound(`没有这个会话：${conversationId}。 No conversation ${conversationId}.`)
    const now = ctx.clock.now()
    const r = add
      ? await w.tx.query(
          `insert into conversation_labels (conversation_id, label, added_by, created_at)
           select $1, $2, $3, $4 where (select count(*) from conversation_labels where conversation_id = $1) < $5
           on conflict do nothing returning label`,
          [conversationId, label, actorLabel(ctx.actor), now, PROFILE_LIMITS.labels],
        )
      : await w.tx.query('delete from conversation_labels where conversation_id = $1 and label = $2 returning label', [conversationId, label])
    const labels = await labelsOf(w.tx, conversationId)
    if (add && !r.rows[0] && !labels.includes(label)) refuse([profileIssue('label', 'labels')])
    if (r.rows[0]) {
      await recordEvent(w.tx, ctx.actor, add ? 'conversation.labeled' : 'conversation.unlabeled', { type: 'conversation', id: conversationId }, { label })
      w.out.status(conv) // open consoles re-read the conversation
    }
    return labels
  })
}

export const addLabel = (ctx: Ctx, conversationId: number, label: string) => change(ctx, conversationId, label, true)
export const removeLabel = (ctx: Ctx, conversationId: number, label: string) => change(ctx, conversationId, label, false)
