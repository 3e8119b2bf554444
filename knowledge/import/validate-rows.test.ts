import { describe, expect, it } from 'vitest'
import { finishParse, validateRow } from './validate-rows.ts'
import { LIMITS } from './types.ts'

const ok = { line: 1, question: 'q', answer: 'a' }
const reason = (raw: Parameters<typeof validateRow>[0]) => {
  const result = validateRow(raw)
  return 'reason' in result ? result.reason : undefined
}

describe('row validation (shared by every format)', () => {
  it('trims question and answer, and rejects them when empty after trimming', () => {
    expect(validateRow({ ...ok, question: '  问  ', answer: '\n答\n' })).toMatchObject({ question: '问', answer: '答' })
    expect(reason({ line: 1, question: ' \u3000 ', answer: '' })).toBe('question is empty; answer is empty')
  })

  it('enforces the length limits in characters as people count them (an emoji is one)', () => {
    expect(reason({ ...ok, question: '😀'.repeat(LIMITS.questionChars) })).toBeUndefined()
    expect(reason({ ...ok, question: '问'.repeat(501) })).toBe('question is 501 characters (max 500)')
    expect(reason({ ...ok, answer: 'x'.repeat(20_000) })).toBeUndefined()
    expect(reason({ ...ok, answer: 'x'.repeat(20_001) })).toBe('answer is 20,001 characters (max 20,000)')
    expect(reason({ ...ok, similarQuestions: ['ok', 'y'.repeat(501)] })).toBe('similar question 2 is 501 characters (max 500)')
  })

  it('allows 200 similar questions, counted after trimming and dropping empties and duplicates', () => {
    const many = Array.from({ length: 200 }, (_, i) => `问法 ${i}`)
    expect(validateRow({ ...ok, similarQuestions: [...many, ' 问法 0 ', '', '  '] })).toMatchObject({ similarQuestions: many })
    expect(reason({ ...ok, similarQuestions: [...many, 'one more'] })).toBe('201 similar questions (max 200)')
  })

  it('allows 3 category levels and rejects 4, in every notation', () => {
    expect(validateRow({ ...ok, category: ' a / b /c ' })).toMatchObject({ categoryPath: ['a', 'b', 'c'] })
    expect(reason({ ...ok, category: 'a/b/c/d' })).toBe('category has 4 levels (max 3)')
    expect(reason({ ...ok, category: 'a > b > c > d' })).toBe('category has 4 levels (max 3)')
    expect(reason({ ...ok, category: ['a', 'b', 'c', 'd'] })).toBe('category has 4 levels (max 3)')
    expect(validateRow({ ...ok, category: ['售后', ' 售后 ', ''] })).toMatchObject({ categoryPath: ['售后', '售后'] })
  })

  it('accepts draft/published in any case and the Chinese words for them, and rejects anything else', () => {
    expect(validateRow({ ...ok, status: 'Published' })).toMatchObject({ status: 'published' })
    expect(validateRow({ ...ok, status: '草稿' })).toMatchObject({ status: 'draft' })
    expect(validateRow({ ...ok, status: '已發佈' })).toMatchObject({ status: 'published' })
    expect(validateRow({ ...ok, status: ' ' })).not.toHaveProperty('status')
    expect(reason({ ...ok, status: 'archived' })).toBe('status "archived" is not draft or published')
  })

  it('leaves id and status out when the file has none, rather than setting them to undefined', () => {
    const row = validateRow({ ...ok, id: '  ' })
    expect(Object.keys(row).sort()).toEqual(['answer', 'categoryPath', 'line', 'question', 'similarQuestions', 'tags'])
  })

  it('reports every problem of a row at once, so the admin fixes it in one go', () => {
    expect(reason({ line: 9, question: '', answer: 'a', category: 'a/b/c/d', status: 'x' })).toBe(
      'question is empty; category has 4 levels (max 3); status "x" is not draft or published',
    )
  })
})

describe('duplicate ids within a file', () => {
  it('rejects the second occurrence, naming the line of the first, and sorts rejections by line', () => {
    const result = finishParse(
      {
        raw: [
          { line: 3, id: 'kb-12', question: 'q1', answer: 'a' },
          { line: 5, id: 'kb-13', question: 'q2', answer: '' },
          { line: 7, id: 'kb-12', question: 'q3', answer: 'a' },
          { line: 8, id: 'kb-13', question: 'q4', answer: 'a' }, // first kb-13 was invalid: this one stands
          { line: 9, question: 'no id', answer: 'a' },
          { line: 10, question: 'no id', answer: 'a' }, // ids are optional; the importer derives them
        ],
        rejected: [{ line: 6, reason: 'invalid JSON: x' }],
      },
      'jsonl',
    )
    expect(result.rows.map((r) => r.line)).toEqual([3, 8, 9, 10])
    expect(result.rejected).toEqual([
      { line: 5, reason: 'answer is empty' },
      { line: 6, reason: 'invalid JSON: x' },
      { line: 7, reason: 'duplicate id kb-12 (first seen on line 3)' },
    ])
  })
})
