/**
 * Count sketch of a vector: each dimension is added, with a fixed pseudo-random sign,
 * into one of SKETCH_DIMS buckets. Inner products of sketches estimate inner products of
 * the vectors without bias (the signs cancel the cross terms on average), for sparse
 * hashed vectors and dense model embeddings alike. Used only to find candidates.
 * Vectors of up to WHOLE_UP_TO dimensions (the pretrained model's 512) are indexed whole:
 * a dense vector's information is spread over every dimension, and folding it in half
 * would blur the small cosine gaps between near neighbours.
 */
import { fnv1a } from './hash.ts'
import { l2normalise } from './local.ts'

export const SKETCH_DIMS = 256
const WHOLE_UP_TO = 512

const signs = new Map<number, Int8Array>()

function signsFor(dims: number): Int8Array {
  let s = signs.get(dims)
  if (!s) {
    s = new Int8Array(dims)
    for (let j = 0; j < dims; j++) s[j] = fnv1a(`sketch:${j}`) & 1 ? 1 : -1
    signs.set(dims, s)
  }
  return s
}

export function sketch(v: Float32Array): Float32Array {
  if (v.length <= WHOLE_UP_TO) return v
  const s = signsFor(v.length)
  const out = new Float32Array(SKETCH_DIMS)
  for (let j = 0; j < v.length; j++) if (v[j] !== 0) out[j % SKETCH_DIMS]! += s[j]! * v[j]!
  return l2normalise(out)
}

/** Dimensions of the sketch of a `dims`-dimension vector. */
export const sketchDims = (dims: number) => (dims <= WHOLE_UP_TO ? dims : SKETCH_DIMS)
