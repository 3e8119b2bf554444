/**
 * Send a reply that was split into pieces, remembering which pieces already went out, so
 * a retry after a failure part-way resends only the rest (the customer never sees a piece
 * twice). Kept in memory per process: bounded, and dropped once the message is done.
 */
import { UnrecoverableError } from '../../bot/jobs/types.ts'

const MAX_REMEMBERED = 1000

export function pieceSender() {
  const sent = new Map<number, string[]>()
  return async function sendPieces<P>(messageId: number, pieces: P[], sendOne: (piece: P, index: number) => Promise<string>): Promise<string[]> {
    const ids = sent.get(messageId) ?? []
    try {
      for (let i = ids.length; i < pieces.length; i++) {
        ids.push(await sendOne(pieces[i]!, i))
        sent.set(messageId, ids)
        if (sent.size > MAX_REMEMBERED) sent.delete(sent.keys().next().value!)
      }
    } catch (err) {
      if (err instanceof UnrecoverableError) sent.delete(messageId)
      throw err
    }
    sent.delete(messageId)
    return ids
  }
}
