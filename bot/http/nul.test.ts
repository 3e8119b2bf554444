import { describe, expect, it } from 'vitest'
import { storableText } from './nul.ts'

describe('storableText', () => {
  it('drops U+0000 from strings at any depth, keys included', () => {
    expect(storableText({ a: 'x\u0000y', 'k\u0000': ['\u0000', { b: '\u0000z' }], n: 1, t: true, z: null })).toEqual({
      a: 'xy',
      k: ['', { b: 'z' }],
      n: 1,
      t: true,
      z: null,
    })
  })

  it('cleans prototype-less objects (parsed query strings)', () => {
    const q = Object.assign(Object.create(null), { q: '退\u0000货' })
    expect(storableText(q)).toEqual({ q: '退货' })
  })

  it('leaves other objects alone', () => {
    const d = new Date(0)
    expect(storableText({ d }).d).toBe(d)
  })

  it('replaces a lone surrogate with U+FFFD and keeps whole pairs (emoji) as they are', () => {
    expect(storableText({ t: 'a\ud800b\udc00c😀', [`k\udfff`]: '👨‍👩‍👧' })).toEqual({ t: 'a\ufffdb\ufffdc😀', 'k\ufffd': '👨‍👩‍👧' })
  })
})
