import { describe, it, expect } from 'vitest'
import { normalise } from '../text/normalise.ts'
import { embedLocal } from './local.ts'
import { learnModel } from './model.ts'
import { dot } from '../search/memory-index.ts'
import { trainEntryVectors } from './train-entries.ts'

const qs = [
  ['refund', 'where is my refund'],
  ['refund', 'my refund has not arrived'],
  ['card', 'my card has not arrived'],
  ['card', 'when will my new card come'],
  ['huabei', '花呗怎么还款'],
].map(([entryId, text]) => ({ entryId: entryId!, text: normalise(text!) }))
const model = learnModel(qs, { dims: 256 })

describe('local embedder', () => {
  it('is deterministic and unit length', () => {
    const a = embedLocal(model, 'where is my refund')
    const b = embedLocal(model, 'where is my refund')
    expect([...a]).toEqual([...b])
    expect(dot(a, a)).toBeCloseTo(1, 5)
  })
  it('puts paraphrases closer than unrelated text, across scripts', () => {
    const q = embedLocal(model, normalise('refund not arrived'))
    expect(dot(q, embedLocal(model, qs[1]!.text))).toBeGreaterThan(dot(q, embedLocal(model, qs[3]!.text)))
    const zh = embedLocal(model, normalise('花唄怎麼還款'))
    expect(dot(zh, embedLocal(model, qs[4]!.text))).toBeGreaterThan(0.99)
  })
  it('gives empty text a zero vector instead of failing', () => {
    expect(dot(embedLocal(model, ''), embedLocal(model, ''))).toBe(0)
  })
  it('trains entry vectors that separate the entries', () => {
    const vecs = qs.slice(0, 4).map((q) => embedLocal(model, q.text))
    const ids = ['refund', 'card']
    const cent = ids.map((id) => {
      const s = new Float32Array(256)
      for (const [i, q] of qs.entries()) if (q.entryId === id) for (const [d, v] of vecs[i]!.entries()) s[d]! += v
      return s
    })
    const W = trainEntryVectors(
      ids,
      cent,
      vecs.map((vec, i) => ({ entry: i < 2 ? 0 : 1, vec })),
    )
    const x = embedLocal(model, normalise('my card has not come'))
    expect(dot(x, W[1]!)).toBeGreaterThan(dot(x, W[0]!))
  })
})
