import { describe, expect, it } from 'vitest'
import { file, parseText } from './test-helpers.ts'

describe('JSONL import', () => {
  it('reads the benchmark kb.jsonl shape (English, with similar questions)', async () => {
    const { rows, rejected, format } = await parseText(
      file(
        '{"id": "b77-002", "question": "what do i need to do for the card activation?", "similar_questions": ["how do i activate my card to start using it?", "i have a new card and need to activate it"], "answer": "[activate_my_card]", "category": "activate_my_card"}',
        '{"id": "c150-001", "question": "does applebees in trenton do reservations", "similar_questions": ["does redrobin take reservations"], "answer": "[accept_reservations]", "category": "accept_reservations"}',
      ),
      'jsonl',
    )
    expect(format).toBe('jsonl')
    expect(rejected).toEqual([])
    expect(rows[0]).toEqual({
      line: 1,
      id: 'b77-002',
      question: 'what do i need to do for the card activation?',
      similarQuestions: ['how do i activate my card to start using it?', 'i have a new card and need to activate it'],
      answer: '[activate_my_card]',
      categoryPath: ['activate_my_card'],
      tags: [],
    })
    expect(rows[1]?.categoryPath).toEqual(['accept_reservations'])
  })

  it('reads the Chinese benchmark shape (empty similar questions, full-width punctuation kept)', async () => {
    const { rows, rejected } = await parseText(
      file(
        '{"id": "bq-00001", "question": "可不可以取消申请啊？都三天了还没有审核", "similar_questions": [], "answer": "（示例答案 bq-00001）", "category": "bq"}',
        '{"id": "afqmc-00002", "question": "投诉花呗找谁", "similar_questions": [], "answer": "（示例答案 afqmc-00002）", "category": "afqmc"}',
      ),
      'jsonl',
    )
    expect(rejected).toEqual([])
    expect(rows.map((r) => [r.id, r.question, r.answer, r.similarQuestions, r.categoryPath])).toEqual([
      ['bq-00001', '可不可以取消申请啊？都三天了还没有审核', '（示例答案 bq-00001）', [], ['bq']],
      ['afqmc-00002', '投诉花呗找谁', '（示例答案 afqmc-00002）', [], ['afqmc']],
    ])
  })

  it('reports malformed JSON on line 3 of 5 with its line, and parses the other 4', async () => {
    const { rows, rejected } = await parseText(
      file(
        '{"id":"k1","question":"q1","similar_questions":[],"answer":"a1","category":"c"}',
        '{"id":"k2","question":"q2","similar_questions":[],"answer":"a2","category":"c"}',
        '{"id":"k3","question":"q3","similar_questions":[],"answer":"a3",',
        '{"id":"k4","question":"q4","similar_questions":[],"answer":"a4","category":"c"}',
        '{"id":"k5","question":"q5","similar_questions":[],"answer":"a5","category":"c"}',
      ),
      'jsonl',
    )
    expect(rows.map((r) => [r.line, r.id])).toEqual([
      [1, 'k1'],
      [2, 'k2'],
      [4, 'k4'],
      [5, 'k5'],
    ])
    expect(rejected).toHaveLength(1)
    expect(rejected[0]?.line).toBe(3)
    expect(rejected[0]?.reason).toMatch(/^invalid JSON: /)
  })

  it('accepts category paths as "a/b/c", "a > b > c" or an array, and tags as array or comma string', async () => {
    const { rows, rejected } = await parseText(
      file(
        '{"question":"q1","answer":"a","category":"账户/登录/密码","tags":"vip，紧急、 退款 ,vip"}',
        '{"question":"q2","answer":"a","category":"帳戶 > 登入","tags":["x"," y ",""]}',
        '{"question":"q3","answer":"a","category":["Network","TCP/IP"]}',
        '{"question":"q4","answer":"a"}',
      ),
      'jsonl',
    )
    expect(rejected).toEqual([])
    expect(rows.map((r) => r.categoryPath)).toEqual([['账户', '登录', '密码'], ['帳戶', '登入'], ['Network', 'TCP/IP'], []])
    expect(rows.map((r) => r.tags)).toEqual([['vip', '紧急', '退款'], ['x', 'y'], [], []])
    expect(rows[3]?.id).toBeUndefined()
  })

  it('skips blank lines (keeping real line numbers), tolerates CRLF, reads status and numeric ids', async () => {
    const text = '\r\n{"id":7,"question":"q","answer":"a","status":"published"}\r\n   \r\n{"question":"r","answer":"b","status":"draft"}\r\n'
    const { rows, rejected } = await parseText(text, 'jsonl')
    expect(rejected).toEqual([])
    expect(rows.map((r) => [r.line, r.id, r.status])).toEqual([
      [2, '7', 'published'],
      [4, undefined, 'draft'],
    ])
  })

  it('rejects lines that are JSON but not an object, and fields of the wrong type', async () => {
    const { rows, rejected } = await parseText(
      file(
        '["q","a"]',
        'null',
        '{"question":{"zh":"q"},"answer":"a"}',
        '{"question":"q","answer":"a","similar_questions":[1,{"x":1}]}',
        '{"question":"q","answer":"a","status":"live"}',
      ),
      'jsonl',
    )
    expect(rows).toEqual([])
    expect(rejected).toEqual([
      { line: 1, reason: 'line is a list, not a JSON object' },
      { line: 2, reason: 'line is null, not a JSON object' },
      { line: 3, reason: 'question must be text, not an object; question is empty' },
      { line: 4, reason: 'similar_questions[1] must be text, not an object' },
      { line: 5, reason: 'status "live" is not draft or published' },
    ])
  })

  it('reads a UTF-8 BOM at the start without it reaching the first line', async () => {
    const { rows, rejected } = await parseText('\uFEFF{"id":"k1","question":"q","answer":"a"}', 'jsonl')
    expect(rejected).toEqual([])
    expect(rows[0]?.id).toBe('k1')
  })
})
