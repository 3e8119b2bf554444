import { describe, expect, it } from 'vitest'
import { parseFile } from './parse-file.ts'
import { serialise } from './serialise.ts'
import { withoutLines } from './test-helpers.ts'
import type { ExportRow } from './types.ts'

const FORMATS = ['jsonl', 'csv', 'xlsx'] as const

// Every row here is already in the clean form validation produces (trimmed, no empty or
// repeated list items), so export → import must give back exactly these objects.
const TRICKY: ExportRow[] = [
  {
    id: 'kb-1',
    question: '怎么退款，多久到账？',
    similarQuestions: ['退钱', '我要"退款"', 'refund, please'],
    answer: '第一步：打开「订单」。\n第二步：点击"退款"，填写原因, 提交。\n\n到账后会短信通知 📱✅',
    categoryPath: ['售后', '退款', '到账'],
    tags: ['退款', 'VIP 客户'],
    status: 'published',
  },
  { question: '營業時間係幾點？ＡＢＣ　全形', similarQuestions: [], answer: '星期一至五 9:00–18:00（香港時間）', categoryPath: [], tags: [] },
  {
    id: '=cmd',
    question: '=1+1',
    similarQuestions: ['+86 开头的号码', '-1', '@me', "'=quoted"],
    answer: "'leading apostrophe",
    categoryPath: ['网络', 'TCP/IP'],
    tags: ['x'],
    status: 'draft',
  },
  { id: 'kb-4', question: 'a single similar with a pipe', similarQuestions: ['this | that'], answer: 'ok', categoryPath: ['TCP/IP'], tags: [] },
  { id: 'kb-5', question: 'emoji 👨‍👩‍👧 and flags 🇭🇰', similarQuestions: ['👍'], answer: '"quoted whole answer"', categoryPath: ['😀'], tags: ['🔥'] },
  {
    id: 'kb-6',
    question: 'literal _x000D_ escape text and a stray \b control character',
    similarQuestions: [],
    answer: 'C:\\path\\to _x0041_ file',
    categoryPath: [],
    tags: [],
  },
  { id: 'kb-7', question: 'comma, semicolon; tab\tinside', similarQuestions: ['a,b'], answer: 'x'.repeat(20_000), categoryPath: ['a', 'b'], tags: [] },
]

describe('export → import round trip', () => {
  for (const format of FORMATS) {
    it(`${format}: gives back the same rows, including Chinese, quotes, commas, newlines and emoji`, async () => {
      const { rows, rejected, format: read } = await parseFile(await serialise(TRICKY, format), format)
      expect(read).toBe(format)
      expect(rejected).toEqual([])
      expect(withoutLines(rows)).toEqual(TRICKY)
    })
  }

  it('csv: starts with a UTF-8 BOM and guards formula-looking cells for Excel', async () => {
    const bytes = await serialise(TRICKY, 'csv')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    expect(text.split('\r\n')[0]).toBe('\uFEFFid,question,similar_questions,answer,category,tags,status')
    expect(text).toContain("'=cmd,'=1+1,")
  })

  it('jsonl: writes the benchmark kb.jsonl shape, one entry a line', async () => {
    const text = new TextDecoder().decode(await serialise(TRICKY.slice(0, 2), 'jsonl'))
    const lines = text.split('\n')
    expect(lines).toHaveLength(3) // two entries and the final newline
    expect(Object.keys(JSON.parse(lines[0]!))).toEqual(['id', 'question', 'similar_questions', 'answer', 'category', 'tags', 'status'])
    expect(JSON.parse(lines[0]!).category).toBe('售后/退款/到账')
    expect(JSON.parse(lines[1]!)).toEqual({ question: TRICKY[1]!.question, similar_questions: [], answer: TRICKY[1]!.answer, category: '' })
  })

  it('an empty export reads back as no rows in every format', async () => {
    for (const format of FORMATS) {
      expect(await parseFile(await serialise([], format), format)).toEqual({ rows: [], rejected: [], format })
    }
  })

  // Random rows built from awkward pieces, with a fixed seed so a failure is repeatable.
  it('holds for 300 generated rows in every format', async () => {
    const rows = generateRows(300, 20240501)
    for (const format of FORMATS) {
      const back = await parseFile(await serialise(rows, format), format)
      expect(back.rejected, format).toEqual([])
      expect(withoutLines(back.rows), format).toEqual(rows)
    }
  })
})

const PIECES = [
  '你好',
  '請問',
  '，',
  ',',
  '"',
  "'",
  '|',
  '/',
  '=',
  '+',
  '-',
  '@',
  ' ',
  '　',
  'Ａ',
  '😀',
  '👨‍👩‍👧',
  'é',
  'abc',
  '_x0041_',
  '\\',
  '；',
  '、',
  '\u0008',
  '\u001F',
]

function generateRows(count: number, seed: number): ExportRow[] {
  let state = seed
  const rand = (n: number): number => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n)
  const phrase = (banned: RegExp): string => {
    for (;;) {
      const s = Array.from({ length: 1 + rand(6) }, () => PIECES[rand(PIECES.length)])
        .join('')
        .trim()
        .replace(banned, '')
      if (s !== '') return s
    }
  }
  const unique = (items: string[]): string[] => [...new Set(items)]
  return Array.from({ length: count }, (_, i) => ({
    id: rand(3) === 0 ? undefined : `gen-${i}-${phrase(/\s/g)}`,
    question: phrase(/^$/),
    similarQuestions: unique(Array.from({ length: rand(4) }, () => phrase(/^$/))),
    answer: Array.from({ length: 1 + rand(3) }, () => phrase(/^$/)).join('\n'),
    categoryPath: Array.from({ length: rand(4) }, () => phrase(/>/g).trim()).filter((s) => s !== ''),
    tags: unique(Array.from({ length: rand(3) }, () => phrase(/[,，、]/g).trim()).filter((s) => s !== '')),
    status: (['draft', 'published', undefined] as const)[rand(3)],
  })).map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as ExportRow)
}
