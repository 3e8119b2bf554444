import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { parseFile } from './parse-file.ts'
import { cellText } from './parse-xlsx.ts'
import { serialise } from './serialise.ts'
import { utf8 } from './test-helpers.ts'

async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  build(wb)
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

describe('XLSX import', () => {
  it('reads a sheet built directly with exceljs, with Chinese headers, by sheet row number', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('知识库')
      ws.addRow(['编号', '标准问题', '相似问法', '答案', '分类', '标签', '状态'])
      ws.addRow(['kb-1', '怎么修改密码？', '改密码\n忘记密码怎么办', '进入「设置 > 安全」修改。', '账户/安全', '密码、安全', '已发布'])
      ws.addRow([]) // an empty sheet row is skipped, and later rows keep their own numbers
      ws.addRow([42, '營業時間？', '', '每日 9:00–18:00（香港時間）', '', '', ''])
      ws.addRow(['kb-3', '', '', '无问题的行', '', '', ''])
    })
    const { rows, rejected, format } = await parseFile(bytes, 'xlsx')
    expect(format).toBe('xlsx')
    expect(rows).toEqual([
      {
        line: 2,
        id: 'kb-1',
        question: '怎么修改密码？',
        similarQuestions: ['改密码', '忘记密码怎么办'],
        answer: '进入「设置 > 安全」修改。',
        categoryPath: ['账户', '安全'],
        tags: ['密码', '安全'],
        status: 'published',
      },
      { line: 4, id: '42', question: '營業時間？', similarQuestions: [], answer: '每日 9:00–18:00（香港時間）', categoryPath: [], tags: [] },
    ])
    expect(rejected).toEqual([{ line: 5, reason: 'question is empty' }])
  })

  it('reads only the first sheet, and rich-text, formula and hyperlink cells as their visible text', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('FAQ')
      ws.addRow(['Question', 'Answer', 'Tags'])
      ws.addRow([
        { richText: [{ text: 'Where is ' }, { font: { bold: true }, text: 'my order' }, { text: '?' }] },
        { text: 'Track it here', hyperlink: 'https://example.com/track' },
        { formula: 'CONCAT("a",",b")', result: 'a,b' },
      ])
      wb.addWorksheet('Other').addRow(['question', 'answer'])
    })
    const { rows, rejected } = await parseFile(bytes, 'xlsx')
    expect(rejected).toEqual([])
    expect(rows).toEqual([{ line: 2, question: 'Where is my order?', similarQuestions: [], answer: 'Track it here', categoryPath: [], tags: ['a', 'b'] }])
  })

  it('reads back what serialise wrote, header included', async () => {
    const bytes = await serialise([{ id: 'x', question: '你好', similarQuestions: ['您好'], answer: '在的', categoryPath: ['问候'], tags: [] }], 'xlsx')
    const { rows, rejected } = await parseFile(bytes, 'xlsx')
    expect(rejected).toEqual([])
    expect(rows).toEqual([{ line: 2, id: 'x', question: '你好', similarQuestions: ['您好'], answer: '在的', categoryPath: ['问候'], tags: [] }])
  })

  it('rejects non-XLSX bytes, old .xls files, broken archives and a missing answer column as one file-level reason', async () => {
    const cases: [Uint8Array, RegExp][] = [
      [utf8('question,answer\nq,a'), /not an XLSX file/],
      [new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /old Excel 97–2003 \(\.xls\) file/],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /not a readable XLSX file/],
      [await workbookBytes((wb) => wb.addWorksheet('s').addRow(['问题', '备注'])), /no answer \(answer\/答案\) column/],
    ]
    for (const [bytes, reason] of cases) {
      const result = await parseFile(bytes, 'xlsx')
      expect(result.rows).toEqual([])
      expect(result.rejected).toHaveLength(1)
      expect(result.rejected[0]?.line).toBe(1)
      expect(result.rejected[0]?.reason).toMatch(reason)
    }
  })

  it('turns any cell value into text', () => {
    expect(cellText(null)).toBe('')
    expect(cellText(3.5)).toBe('3.5')
    expect(cellText(true)).toBe('true')
    expect(cellText(new Date('2024-05-01T00:00:00Z'))).toBe('2024-05-01T00:00:00.000Z')
    expect(cellText({ error: '#N/A' })).toBe('')
    expect(cellText({ formula: 'A1' })).toBe('')
    expect(cellText({ sharedFormula: 'B2', result: 7 })).toBe('7')
  })
})
