import { describe, expect, it } from 'vitest'
import { passageQuestion, TEXT_QUESTION_MAX_CHARS } from './parse-text.ts'
import { file, parseText } from './test-helpers.ts'

describe('plain-text import', () => {
  it('makes each paragraph a passage: title line as question, whole paragraph as answer', async () => {
    const { rows, rejected, format } = await parseText(
      file('退货政策', '收货后 7 天内可无理由退货。', '商品须保持完好。', '', '', '運費由誰負責？質量問題由我們承擔運費。其他情況由顧客承擔。'),
      'text',
    )
    expect(format).toBe('text')
    expect(rejected).toEqual([])
    expect(rows).toEqual([
      { line: 1, question: '退货政策', similarQuestions: [], answer: '退货政策\n收货后 7 天内可无理由退货。\n商品须保持完好。', categoryPath: [], tags: [] },
      {
        line: 6,
        question: '運費由誰負責？',
        similarQuestions: [],
        answer: '運費由誰負責？質量問題由我們承擔運費。其他情況由顧客承擔。',
        categoryPath: [],
        tags: [],
      },
    ])
  })

  it('takes the first sentence of a one-line paragraph, not cutting at decimals or domains', () => {
    expect(passageQuestion(['Plan 3.5 costs $10 at example.com. Upgrade any time.'])).toBe('Plan 3.5 costs $10 at example.com.')
    expect(passageQuestion(['No terminal punctuation here'])).toBe('No terminal punctuation here')
  })

  it(`caps the question at ${TEXT_QUESTION_MAX_CHARS} characters, counting emoji as one`, () => {
    const long = `${'😀'.repeat(100)}。`
    const q = passageQuestion([long, 'second line'])
    expect([...q]).toHaveLength(TEXT_QUESTION_MAX_CHARS)
    expect(q).toBe('😀'.repeat(TEXT_QUESTION_MAX_CHARS))
  })

  it('uses the first sentence when a multi-line paragraph opens with a long line', () => {
    const first = `这是很长的一段说明文字。${'后面还有'.repeat(30)}`
    expect(passageQuestion([first, 'more'])).toBe('这是很长的一段说明文字。')
  })

  it('reads whitespace-only and CRLF files', async () => {
    expect((await parseText('  \n\t\n', 'text')).rows).toEqual([])
    const { rows } = await parseText('Q one\r\nanswer one\r\n\r\nQ two?\r\n', 'text')
    expect(rows.map((r) => [r.line, r.question, r.answer])).toEqual([
      [1, 'Q one', 'Q one\nanswer one'],
      [4, 'Q two?', 'Q two?'],
    ])
  })
})
