import { describe, expect, it } from 'vitest'
import { takeSimilar } from './parse-markdown.ts'
import { file, parseText } from './test-helpers.ts'

describe('Markdown import', () => {
  it('turns ## headings into questions, with the # heading above as their category', async () => {
    const { rows, rejected } = await parseText(
      file(
        '# 售后服务',
        'This intro is not an entry.',
        '',
        '## 怎么申请退款？',
        '相似问法:',
        '- 退款怎么弄',
        '- 我要退钱',
        '',
        '在「我的订单」里点击**申请退款**。',
        '',
        '1. 选择原因',
        '2. 提交',
        '',
        '## 退款多久到账？ ##',
        '一般 1–3 个工作日。',
        '',
        '# 帳戶 > 登入',
        '## 忘記密碼點算？',
        'Similar:',
        '- forgot password',
        '請按「忘記密碼」。',
      ),
      'markdown',
    )
    expect(rejected).toEqual([])
    expect(rows).toEqual([
      {
        line: 4,
        question: '怎么申请退款？',
        similarQuestions: ['退款怎么弄', '我要退钱'],
        answer: '在「我的订单」里点击**申请退款**。\n\n1. 选择原因\n2. 提交',
        categoryPath: ['售后服务'],
        tags: [],
      },
      { line: 14, question: '退款多久到账？', similarQuestions: [], answer: '一般 1–3 个工作日。', categoryPath: ['售后服务'], tags: [] },
      { line: 18, question: '忘記密碼點算？', similarQuestions: ['forgot password'], answer: '請按「忘記密碼」。', categoryPath: ['帳戶', '登入'], tags: [] },
    ])
  })

  it('uses # headings as questions when there are no ## headings, keeping ### and code inside the answer', async () => {
    const { rows } = await parseText(
      file(
        '# How do I reset the router?',
        '### Steps',
        '```sh',
        '# this is a shell comment, not a heading',
        'reboot',
        '```',
        '# What are your hours?',
        'Nine to six.',
      ),
      'markdown',
    )
    expect(rows.map((r) => [r.line, r.question, r.categoryPath])).toEqual([
      [1, 'How do I reset the router?', []],
      [7, 'What are your hours?', []],
    ])
    expect(rows[0]?.answer).toBe('### Steps\n```sh\n# this is a shell comment, not a heading\nreboot\n```')
  })

  it('rejects a heading with no answer under it, by its line', async () => {
    const { rows, rejected } = await parseText(file('## 有答案', '有。', '## 没有答案', '', '## ', '内容'), 'markdown')
    expect(rows.map((r) => r.question)).toEqual(['有答案'])
    expect(rejected).toEqual([
      { line: 3, reason: 'answer is empty' },
      { line: 5, reason: 'question is empty' },
    ])
  })

  it('falls back to paragraphs when the file has no headings', async () => {
    const { rows, format } = await parseText('营业时间是几点？每天九点到六点。\n\n地址在哪里？旺角道 1 号。', 'markdown')
    expect(format).toBe('markdown')
    expect(rows.map((r) => r.question)).toEqual(['营业时间是几点？', '地址在哪里？'])
  })
})

describe('similar-question blocks', () => {
  it('accepts full-width colons, bold labels, inline items and * bullets (validation drops the duplicates later)', () => {
    expect(takeSimilar(['**相似问题：**', '* a', '+ b', '- a', 'answer'])).toEqual({ similar: ['a', 'b', 'a'], answer: ['answer'] })
    expect(takeSimilar(['Similar questions: x | y', 'answer'])).toEqual({ similar: ['x', 'y'], answer: ['answer'] })
  })

  it('ends the block at a blank line, so a list in the answer stays in the answer', () => {
    expect(takeSimilar(['相似问法:', '', '- q1', '', '- step one', '- step two'])).toEqual({
      similar: ['q1'],
      answer: ['', '- step one', '- step two'],
    })
  })

  it('leaves sentences that merely mention similar questions alone', () => {
    const body = ['Similar questions are listed below.', '相似问法很多']
    expect(takeSimilar(body)).toEqual({ similar: [], answer: body })
  })
})
