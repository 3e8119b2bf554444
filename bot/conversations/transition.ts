/**
 * The life of a conversation: the bot answers (bot); the customer asks for people and
 * waits (waiting); an agent has it (agent); it ends (closed). Only the moves below exist,
 * each from the states listed. A move is one conditional UPDATE — the row must still be
 * in one of those states — so of two racing moves (two agents accepting) exactly one wins;
 * the loser gets null and says why. The verbs beside this file choose the move and record it.
 */
import type { ConversationTx } from './announce.ts'
import { toConversation, type Conversation } from './rows.ts'
import type { ConversationStatus } from './types.ts'

export const MOVES = {
  /** The customer asked for people (or the channel sends everything to people). */
  queue: { from: ['bot'], to: 'waiting' },
  /** An agent takes a waiting conversation from the queue. */
  accept: { from: ['waiting'], to: 'agent' },
  /** Given to someone: a supervisor's choice, the account manager, auto-assignment. */
  assign: { from: ['bot', 'waiting', 'agent'], to: 'agent' },
  /** The waiting customer gave up on people (or took a ticket instead). */
  leaveQueue: { from: ['waiting'], to: 'bot' },
  /** Transfer to another agent: the owner stays accountable (首问负责). */
  transferToAgent: { from: ['agent'], to: 'agent' },
  /** Transfer to a team's queue, or the agent went offline: back in the queue. */
  requeue: { from: ['agent'], to: 'waiting' },
  /** The agent hands it back to the bot. */
  returnToBot: { from: ['agent'], to: 'bot' },
  close: { from: ['bot', 'waiting', 'agent'], to: 'closed' },
} as const satisfies Record<string, { from: readonly ConversationStatus[]; to: ConversationStatus }>
export type Move = keyof typeof MOVES

export const canMove = (conv: Pick<Conversation, 'status'>, move: Move): boolean => (MOVES[move].from as readonly string[]).includes(conv.status)

/**
 * Apply a move with the columns it sets (`$n` from 3 on are `params`; $2 is now), then
 * announce the new status. Null when the conversation was no longer in a `from` state.
 */
export async function move(w: ConversationTx, id: number, name: Move, sets: string[] = [], params: unknown[] = []): Promise<Conversation | null> {
  const m = MOVES[name]
  const r = await w.tx.query(
    `update conversations set status = '${m.to}', updated_at = $2${sets.map((s) => `, ${s}`).join('')}
      where id = $1 and status in (${m.from.map((s) => `'${s}'`).join(', ')}) returning *`,
    [id, w.ctx.clock.now(), ...params],
  )
  if (!r.rows[0]) return null
  const next = toConversation(r.rows[0])
  w.out.status(next)
  return next
}
