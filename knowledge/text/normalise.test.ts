import { describe, it, expect } from 'vitest'
import { normalise, MAX_CHARS } from './normalise.ts'
import { addTerms, words } from './segment.ts'
import { stem } from './stem.ts'

describe('normalise', () => {
  it('turns Traditional into Simplified and full-width into half-width', () => {
    expect(normalise('我的帳戶無法登錄')).toBe('我的帐户无法登录')
    expect(normalise('ＡＢＣ１２３')).toBe('abc123')
  })
  it('drops emoji, punctuation and case', () => {
    expect(normalise('Refund?? 😡 NOW!!!')).toBe('refund now')
  })
  it('returns an empty string for blank or binary input', () => {
    for (const s of ['', '   \n\t', '\u0000\u0001\uFFFF', '?!。，', undefined as unknown as string]) expect(normalise(s)).toBe('')
  })
  it('keeps SQL and regex metacharacters from leaking through', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${} is part of the hostile input
    expect(normalise("'; drop table x; -- .*+?^${}()|[]\\")).toBe('drop table x')
  })
  it('caps very long input', () => {
    expect(normalise('a '.repeat(10_000)).length).toBeLessThanOrEqual(MAX_CHARS)
  })
})

describe('segment', () => {
  it('keeps knowledge-base terms whole once added', () => {
    expect(words('微粒贷开通不了')).not.toContain('微粒贷')
    addTerms(['微粒贷'])
    expect(words('微粒贷开通不了')).toContain('微粒贷')
  })
  it('stems English and leaves mixed scripts in order', () => {
    expect(words('cards charged 花呗')).toEqual(['card', 'charg', '花', '呗'])
    expect(stem('charging')).toBe(stem('charged'))
  })
})
