/**
 * Send a reply that was split into pieces, one at a time, each recorded the moment the
 * platform took it (PieceProgress, stored with the message): a retry after a failure
 * part-way, a restart, or a release after a hold resends only the rest — the customer
 * never sees a piece twice.
 */
import type { PieceProgress } from '../../bot/channels/senders.ts'

export async function sendPieces<P>(progress: PieceProgress, pieces: P[], sendOne: (piece: P, index: number) => Promise<string>): Promise<string[]> {
  for (let i = progress.sent.length; i < pieces.length; i++) await progress.record(await sendOne(pieces[i]!, i))
  return [...progress.sent]
}
