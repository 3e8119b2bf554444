/**
 * Re-indexes a few entries right after an admin edit, so the change is searchable at
 * once: keyword rows, and vectors for the active embedder and any being built. The
 * entry vector becomes the centroid of its questions (training waits for the next
 * rebuild); the local model's statistics are reused as they are.
 */
import type { Db } from '../../bot/db/client.ts'
import { cachedEmbedder, type EmbedderSecrets } from '../embed/registry.ts'
import { bumpKbVersion } from './kb-version.ts'
import { writeHubs } from './hubness.ts'
import { loadQuestions } from './load-kb.ts'
import { removeKeyword, writeKeyword } from './write-keyword.ts'
import { centroids, writeEntryVectors, writeQuestionVectors } from './write-vectors.ts'

export async function indexEntries(db: Db, entryIds: string[], secrets: EmbedderSecrets = {}): Promise<void> {
  if (entryIds.length === 0) return
  const qs = await loadQuestions(db, entryIds)
  const live = await db.query<{ id: string; role: string }>(`select id, role from kb_embedders where state in ('ready', 'building')`)
  const embedded = await Promise.all(
    live.rows.map(async (r) => {
      const { embedder } = await cachedEmbedder(db, r.id, secrets)
      return { id: r.id, dense: r.role === 'dense', dims: embedder.dims, vecs: await embedder.embed(qs.map((q) => q.text)) }
    }),
  )
  // Embedding (possibly remote) happens first; the rewrite itself is one short transaction.
  await db.transaction(async (tx) => {
    await removeKeyword(tx, entryIds)
    await writeKeyword(tx, qs)
    for (const { id, dense, dims, vecs } of embedded) {
      await tx.query('delete from kb_question_vectors where embedder_id = $1 and entry_id = any($2)', [id, entryIds])
      await tx.query('delete from kb_entry_vectors where embedder_id = $1 and entry_id = any($2)', [id, entryIds])
      await writeQuestionVectors(tx, id, qs, vecs)
      const cents = centroids(qs, vecs)
      await writeEntryVectors(tx, id, [...cents.keys()], [...cents.values()])
      if (dense) await writeHubs(tx, id, dims, [...cents.keys()])
    }
    await bumpKbVersion(tx)
  })
}
