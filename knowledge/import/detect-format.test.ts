import { describe, expect, it } from 'vitest'
import { detectFormat } from './detect-format.ts'
import { serialise } from './serialise.ts'
import { utf8 } from './test-helpers.ts'

describe('detectFormat', () => {
  it('goes by extension, in any case', () => {
    const cases: [string, string][] = [
      ['kb.jsonl', 'jsonl'],
      ['KB.NDJSON', 'jsonl'],
      ['faq.csv', 'csv'],
      ['faq.tsv', 'csv'],
      ['知识库.xlsx', 'xlsx'],
      ['old.xls', 'xlsx'],
      ['faq.md', 'markdown'],
      ['faq.Markdown', 'markdown'],
      ['policy.txt', 'text'],
      ['C:\\Users\\admin\\faq.CSV', 'csv'],
    ]
    for (const [name, format] of cases) expect(detectFormat(name)).toBe(format)
  })

  it('sniffs the content when the extension says nothing, and falls back to text', async () => {
    const xlsx = await serialise([{ question: 'q', similarQuestions: [], answer: 'a', categoryPath: [], tags: [] }], 'xlsx')
    expect(detectFormat('upload', xlsx)).toBe('xlsx')
    expect(detectFormat('upload.dat', utf8('\n{"question":"q","answer":"a"}\n'))).toBe('jsonl')
    expect(detectFormat('upload', utf8('intro\n\n## 问题\n答案'))).toBe('markdown')
    expect(detectFormat('upload', utf8('\uFEFF标准问题,答案\n你好,您好'))).toBe('csv')
    expect(detectFormat('upload', utf8('question\tanswer\nq\ta'))).toBe('csv')
    expect(detectFormat('upload', utf8('"id","question","answer"\n"1","# not a heading","a"'))).toBe('csv')
    expect(detectFormat('upload', utf8('营业时间，每天九点到六点。'))).toBe('text')
    expect(detectFormat('no-extension')).toBe('text')
    expect(detectFormat('', new Uint8Array())).toBe('text')
  })

  it('sniffs a large file from its head without splitting a multi-byte character', () => {
    const big = utf8(`问题,答案\n${'你好,您好\n'.repeat(20_000)}`)
    expect(detectFormat('upload', big)).toBe('csv')
  })
})
