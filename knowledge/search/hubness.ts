/**
 * Hubness of entries under the pretrained model. In a sentence-embedding space a few points
 * sit close to almost everything ("hubs"), and nearest-neighbour search then picks them for
 * many messages they do not answer. The usual cure (CSLS, Conneau et al. 2018) scores
 * cos(message, entry) − r(entry), where r is the entry's mean cosine to its k nearest
 * neighbours. r is kept per entry centroid (kb_entry_vectors.hub), found through the same
 * HNSW index search uses; fuse.ts subtracts a weighted share where the KB's shape calls for it.
 * Written for the entries whose centroid was (re)written; the others keep theirs until the
 * next rebuild (a few edits move a neighbour's mean over ten others very little).
 */
import type { Db } from '../../bot/db/client.ts'
import { hnswDistance } from '../embed/vector-index.ts'
import { checkEmbedderId } from '../embed/vector-sql.ts'

/** Neighbours averaged (tune split of afqmc-dev: k = 5, 10 and 20 gave 0.293, 0.293, 0.288 hit@1 with the model alone). */
export const HUB_NEIGHBOURS = 10
const BATCH = 500

export async function writeHubs(db: Db, embedderId: string, dims: number, entryIds: string[]): Promise<void> {
  // The partial HNSW index is chosen only when the embedder id is a literal (search-sql.ts).
  const lit = `'${checkEmbedderId(embedderId).replace(/'/g, "''")}'`
  for (let i = 0; i < entryIds.length; i += BATCH) {
    await db.query(
      `update kb_entry_vectors x set hub = (
         select coalesce(avg(s), 0) from (
           select -(y.embedding <#> x.embedding) s from kb_entry_vectors y
            where y.embedder_id = ${lit} and y.entry_id <> x.entry_id
            order by ${hnswDistance(dims, 'x.sketch')} limit ${HUB_NEIGHBOURS}) n)
        where x.embedder_id = ${lit} and x.entry_id = any($1)`,
      [entryIds.slice(i, i + BATCH)],
    )
  }
}
