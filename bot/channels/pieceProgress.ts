/**
 * One delivery run's PieceProgress: each piece is marked "started" (with this run's token)
 * before the platform call and recorded after it, so what a crash leaves behind is exact —
 * pieces recorded went out, a piece still marked was in the platform's hands when the process
 * died (its outcome unknown), the rest never left. See the delivery guarantee in
 * docs/ARCHITECTURE.md.
 */
import { randomUUID } from 'node:crypto'
import type { inConversationTx } from '../conversations/announce.ts'
import { type PendingDelivery, recordPiece, startPiece, unstartPiece } from '../conversations/delivery.ts'
import type { PieceProgress } from './senders.ts'

type Record = (fn: Parameters<typeof inConversationTx>[1]) => Promise<unknown>

export function pieceProgress(record: Record, d: Pick<PendingDelivery, 'id' | 'deliveredPieces'>): PieceProgress {
  const token = randomUUID()
  const sent = [...d.deliveredPieces]
  return {
    sent,
    async attempt(index, send) {
      await record((w) => startPiece(w, d.id, index, token))
      let platformId: string
      try {
        platformId = await send()
      } catch (err) {
        // The platform answered with an error (or never got the call): the piece did not go out.
        // Should unmarking fail too, the mark stays and the piece counts as "may not have arrived":
        // never sent twice.
        await record((w) => unstartPiece(w, d.id, token)).catch(() => {})
        throw err
      }
      await record((w) => recordPiece(w, d.id, platformId, token))
      sent.push(platformId)
    },
  }
}
