/** pgvector text literals: '[0.1,0.2]' — accepted by both PGlite and PostgreSQL. */
export function toPgVector(v: ArrayLike<number>): string {
  let s = '['
  for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + Math.round(v[i]! * 1e6) / 1e6
  return `${s}]`
}

export function fromPgVector(s: string | number[]): Float32Array {
  if (Array.isArray(s)) return Float32Array.from(s)
  return Float32Array.from(s.slice(1, -1).split(','), Number)
}

/** Embedder ids go into index names and partial-index predicates: keep them plain. */
export function checkEmbedderId(id: string): string {
  if (!/^[\w.:-]{1,100}$/.test(id)) throw new Error(`invalid embedder id: ${id}`)
  return id
}
