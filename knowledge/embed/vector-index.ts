/**
 * The per-embedder HNSW index over entry-vector sketches (sketch.ts), partial (one per
 * embedder, since dimensions differ). Full-precision floats, not halfvec: under PGlite
 * (WebAssembly, no F16 instructions) a halfvec build of 2,000 entries took 97 s against 3 s;
 * the 256-dimension sketch is what makes the graph small (a 100k-entry KB with 1024-dim
 * vectors: ~14 ms p50 per search, its HNSW pages no longer in shared buffers).
 * Built AFTER the vectors are written: one bulk build is far cheaper than growing the
 * graph row by row, and HNSW is only used when the planner's statistics are fresh.
 */
import type { Db } from '../../bot/db/client.ts'
import { fnv1a } from './hash.ts'
import { checkEmbedderId } from './vector-sql.ts'
import { sketchDims } from './sketch.ts'

const indexName = (id: string) => `kbev_${fnv1a(checkEmbedderId(id)).toString(16)}`
/** Question vectors had an index of their own before 0101; dropped with the embedder. */
const oldQuestionIndex = (id: string) => `kbqv_${fnv1a(checkEmbedderId(id)).toString(16)}`

/** The ORDER BY expression a query must use, character for character, to hit the index. */
export function hnswDistance(dims: number, param: string): string {
  const d = sketchDims(dims)
  return `(sketch::vector(${d})) <#> ${param}::vector(${d})`
}

export async function createVectorIndex(db: Db, id: string, dims: number): Promise<void> {
  const lit = checkEmbedderId(id).replace(/'/g, "''")
  await db.transaction(async (tx) => {
    // The graph of a 100k-entry KB needs a few hundred MB; below that the build spills.
    if (db.kind === 'postgres') await tx.exec(`set local maintenance_work_mem = '1GB'; set local max_parallel_maintenance_workers = 2`)
    await tx.exec(`create index if not exists ${indexName(id)} on kb_entry_vectors
      using hnsw ((sketch::vector(${sketchDims(dims)})) vector_ip_ops) where embedder_id = '${lit}'`)
  })
}

export async function dropVectorIndex(db: Db, id: string): Promise<void> {
  await db.exec(`drop index if exists ${indexName(id)}; drop index if exists ${oldQuestionIndex(id)}`)
}
