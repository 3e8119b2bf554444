import { describe, expect, it } from 'vitest'
import { fitsBytes, fitsChars, splitText } from './splitText.ts'

describe('splitText', () => {
  it('keeps a short text whole', () => {
    expect(splitText('你好', fitsChars(10))).toEqual(['你好'])
  })
  it('breaks at line and sentence ends before the limit, losing no words', () => {
    const text = '第一句话。第二句话！\n第三句话？第四句话。'
    const pieces = splitText(text, fitsChars(12))
    expect(pieces.every((p) => p.length <= 12)).toBe(true)
    expect(pieces.join('')).toBe(text.replace('\n', ''))
    expect(pieces[0]).toBe('第一句话。第二句话！')
  })
  it('never cuts an emoji in half, and counts bytes when asked', () => {
    const pieces = splitText('😀'.repeat(10), fitsBytes(9))
    expect(pieces).toEqual(['😀😀', '😀😀', '😀😀', '😀😀', '😀😀'])
  })
})
