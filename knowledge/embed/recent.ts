/**
 * A small least-recently-used memory of text → vector, for embedders whose vector depends
 * only on the text (the pretrained model, one text per forward pass). A Map keeps
 * insertion order, so re-inserting on a hit makes the first key the least recent.
 */
export class RecentVectors {
  private readonly map = new Map<string, Float32Array>()
  constructor(private readonly max: number) {}

  get(text: string): Float32Array | undefined {
    const v = this.map.get(text)
    if (v) {
      this.map.delete(text)
      this.map.set(text, v)
    }
    return v
  }

  set(text: string, v: Float32Array): void {
    this.map.delete(text)
    this.map.set(text, v)
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!)
  }
}
