import { describe, expect, it } from 'vitest'
import { joinCategory, joinSimilar, joinTags, splitCategory, splitSimilar, splitTags } from './cell-lists.ts'
import { guardCell, unguardCell } from './csv-formula-guard.ts'

describe('list cells', () => {
  it('splits similar questions on line breaks, or on | when the cell is one line', () => {
    expect(splitSimilar('a | b|  |a')).toEqual(['a', 'b'])
    expect(splitSimilar('a|b\r\nc\rd\n')).toEqual(['a|b', 'c', 'd'])
  })

  it('splits categories on > when present, else on /', () => {
    expect(splitCategory('a/b/c')).toEqual(['a', 'b', 'c'])
    expect(splitCategory('网络 > TCP/IP')).toEqual(['网络', 'TCP/IP'])
    expect(splitCategory('')).toEqual([])
  })

  it('splits tags on , ， and 、', () => {
    expect(splitTags('a,b，c、d, a ,')).toEqual(['a', 'b', 'c', 'd'])
  })

  it('joins each list so that splitting gives it back, including the awkward single items', () => {
    const similars = [[], ['一'], ['a|b'], ['a|b', 'c'], ['x', 'y', 'z']]
    for (const s of similars) expect(splitSimilar(joinSimilar(s))).toEqual(s)
    const paths = [[], ['a'], ['TCP/IP'], ['网络', 'TCP/IP'], ['a', 'b', 'c']]
    for (const p of paths) expect(splitCategory(joinCategory(p))).toEqual(p)
    const tagLists = [[], ['vip'], ['a b', '紧急']]
    for (const t of tagLists) expect(splitTags(joinTags(t))).toEqual(t)
  })
})

describe('CSV formula guard', () => {
  it('guards values Excel would run as formulas and round-trips every value', () => {
    expect(guardCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")')
    expect(guardCell('+86 5555')).toBe("'+86 5555")
    expect(guardCell('普通文本')).toBe('普通文本')
    expect(guardCell("it's")).toBe("it's")
    for (const v of ['=1', "'=1", "''=1", '-', '@x', '\tx', "'", "'x", 'x', '', '- 第一步']) {
      expect(unguardCell(guardCell(v))).toBe(v)
    }
  })
})
