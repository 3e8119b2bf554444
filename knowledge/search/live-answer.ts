/**
 * An entry's answer as the bot sends it, if the entry is live (published, inside its
 * valid_from / valid_to). Remembered on the serving state like rankings are
 * (recent-results.ts): the state is replaced when the KB version moves — which every write
 * to kb_entries does (migration 0200) — and when a valid_from / valid_to passes, so an edit
 * is served by the next turn, and a busy answer costs no read per turn.
 */
import type { Db } from '../../bot/db/client.ts'
import { entryRow } from '../entries/rows.ts'
import type { ServingState } from './serving-state.ts'
import { loadedServingState } from './serving-state.ts'

const MAX_ANSWERS = 5000

const answerRow = entryRow.pick({ answer: true, channel_answers: true, answer_extras: true })
export type LiveAnswer = {
  answer: string
  channelAnswers: Record<string, string>
  extras: NonNullable<ReturnType<typeof answerRow.parse>['answer_extras']>
}

const memory = new WeakMap<ServingState, Map<string, Promise<LiveAnswer | null>>>()

async function readAnswer(db: Db, entryId: string): Promise<LiveAnswer | null> {
  const r = await db.query(
    `select answer, channel_answers, answer_extras from kb_entries where id = $1 and status = 'published'
       and (valid_from is null or valid_from <= now()) and (valid_to is null or valid_to > now())`,
    [entryId],
  )
  if (!r.rows[0]) return null
  const e = answerRow.parse(r.rows[0])
  return { answer: e.answer, channelAnswers: e.channel_answers ?? {}, extras: e.answer_extras ?? {} }
}

export async function liveAnswer(db: Db, entryId: string): Promise<LiveAnswer | null> {
  const state = await loadedServingState(db)
  if (!state) return readAnswer(db, entryId)
  let m = memory.get(state)
  if (!m) memory.set(state, (m = new Map()))
  const hit = m.get(entryId)
  if (hit) return hit
  const read = readAnswer(db, entryId)
  if (m.size < MAX_ANSWERS) m.set(entryId, read)
  read.catch(() => m.get(entryId) === read && m.delete(entryId))
  return read
}
