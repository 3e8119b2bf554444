/**
 * Send a reply that was split into pieces, one at a time, each marked as started before its
 * platform call and recorded the moment the platform took it (PieceProgress, stored with the
 * message): a retry after a failure part-way, a restart, or a release after a hold sends only
 * the rest — the customer never sees a piece twice (docs/ARCHITECTURE.md, delivery guarantee).
 */
import type { PieceProgress } from '../../bot/channels/senders.ts'

export async function sendPieces<P>(progress: PieceProgress, pieces: P[], sendOne: (piece: P, index: number) => Promise<string>): Promise<string[]> {
  for (let i = progress.sent.length; i < pieces.length; i++) await progress.attempt(i, () => sendOne(pieces[i]!, i))
  return [...progress.sent]
}
