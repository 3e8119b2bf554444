import { describe, expect, it } from 'vitest'
import { withoutNul } from './nul.ts'

describe('withoutNul', () => {
  it('drops U+0000 from strings at any depth, keys included', () => {
    expect(withoutNul({ a: 'x\u0000y', 'k\u0000': ['\u0000', { b: '\u0000z' }], n: 1, t: true, z: null })).toEqual({
      a: 'xy',
      k: ['', { b: 'z' }],
      n: 1,
      t: true,
      z: null,
    })
  })

  it('cleans prototype-less objects (parsed query strings)', () => {
    const q = Object.assign(Object.create(null), { q: '退\u0000货' })
    expect(withoutNul(q)).toEqual({ q: '退货' })
  })

  it('leaves other objects alone', () => {
    const d = new Date(0)
    expect(withoutNul({ d }).d).toBe(d)
  })
})
