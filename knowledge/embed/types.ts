/**
 * One interface for every embedder. `id` names the embedder AND its configuration
 * (model, dimensions, learned state): vectors are stored under it, so switching
 * embedders never mixes vectors from two spaces.
 */
export interface Embedder {
  id: string
  dims: number
  /** One unit-length vector per text, in order. Texts are raw; the embedder normalises. */
  embed(texts: string[]): Promise<Float32Array[]>
}
