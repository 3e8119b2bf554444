import { describe, expect, it } from 'vitest'
import { parseFile } from './parse-file.ts'
import { file, parseText } from './test-helpers.ts'

describe('CSV import', () => {
  it('reads English headers in any case and order, ignoring unknown columns', async () => {
    const { rows, rejected } = await parseText(
      file(
        'Answer,Notes,QUESTION,Similar Questions,Category,Tags,Status,ID',
        'Go to Settings > Card,ignore me,How do I activate my card?,activate card|turn on card,Cards/Activation,"new, card",published,kb-1',
      ),
      'csv',
    )
    expect(rejected).toEqual([])
    expect(rows).toEqual([
      {
        line: 2,
        id: 'kb-1',
        question: 'How do I activate my card?',
        similarQuestions: ['activate card', 'turn on card'],
        answer: 'Go to Settings > Card',
        categoryPath: ['Cards', 'Activation'],
        tags: ['new', 'card'],
        status: 'published',
      },
    ])
  })

  it('reads Simplified Chinese headers with 标签 split on ， and 、', async () => {
    const { rows, rejected } = await parseText(
      file('编号,标准问题,相似问法,答案,分类,标签,状态', 'kb-2,怎么退款？,退钱|申请退款,在订单页点击"退款"即可。,售后 > 退款,退款，售后、常见,草稿'),
      'csv',
    )
    expect(rejected).toEqual([])
    expect(rows[0]).toMatchObject({
      id: 'kb-2',
      question: '怎么退款？',
      similarQuestions: ['退钱', '申请退款'],
      answer: '在订单页点击"退款"即可。',
      categoryPath: ['售后', '退款'],
      tags: ['退款', '售后', '常见'],
      status: 'draft',
    })
  })

  it('keeps a quoted multi-line answer with commas and quotes, and numbers rows as a spreadsheet shows them (a multi-line cell is one row)', async () => {
    const { rows, rejected } = await parseText(
      file(
        'question,answer,similar_questions',
        'q1,"第一行，含逗号, and a comma',
        'second line with ""quotes""',
        '',
        'fourth line after a blank one",',
        'q2,"a2","怎么办',
        '咋办',
        'how to"',
        'q3,a3,',
      ),
      'csv',
    )
    expect(rejected).toEqual([])
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4])
    expect(rows[0]?.answer).toBe('第一行，含逗号, and a comma\nsecond line with "quotes"\n\nfourth line after a blank one')
    expect(rows[1]?.similarQuestions).toEqual(['怎么办', '咋办', 'how to'])
  })

  it('numbers CRLF files the same way (spreadsheet rows), and turns a CRLF inside a quoted cell into "\\n"', async () => {
    const text = 'question,answer\r\nq1,"l1\r\nl2\rl3"\r\nq2,a2\r\n'
    const { rows } = await parseText(text, 'csv')
    expect(rows.map((r) => [r.line, r.answer])).toEqual([
      [2, 'l1\nl2\nl3'],
      [3, 'a2'],
    ]) // a lone CR ends a line too
  })

  it('strips the UTF-8 BOM Excel writes, so the first header is still recognised', async () => {
    const { rows, rejected } = await parseText('\uFEFFid,question,answer\nk1,你好,您好！\n', 'csv')
    expect(rejected).toEqual([])
    expect(rows[0]).toMatchObject({ id: 'k1', question: '你好', answer: '您好！' })
  })

  it('preserves Traditional Chinese and full-width text exactly (normalisation happens elsewhere)', async () => {
    const question = '點樣查詢帳單？ＡＢＣ１２３'
    const answer = '請登入「我的帳戶」，揀選「帳單」。全形空格　保留。'
    const { rows } = await parseText(file('標準問題,答案,分類,標籤', `${question},"${answer}",帳戶 > 帳單,繁體`), 'csv')
    expect(rows[0]).toMatchObject({ question, answer, categoryPath: ['帳戶', '帳單'], tags: ['繁體'] })
  })

  it('decodes GB18030 (Excel on Simplified-Chinese Windows) and UTF-16 tab-separated text', async () => {
    // "问题,答案\n你好,好" in GBK, written out byte by byte.
    const gbk = new Uint8Array([0xce, 0xca, 0xcc, 0xe2, 0x2c, 0xb4, 0xf0, 0xb0, 0xb8, 0x0a, 0xc4, 0xe3, 0xba, 0xc3, 0x2c, 0xba, 0xc3])
    expect((await parseFile(gbk, 'csv')).rows[0]).toMatchObject({ question: '你好', answer: '好' })
    const tsv = '\uFEFFquestion\tanswer\n早晨\t你好\n'
    const utf16 = new Uint8Array([...Buffer.from(tsv, 'utf16le')])
    expect((await parseFile(utf16, 'csv')).rows[0]).toMatchObject({ question: '早晨', answer: '你好' })
  })

  it('rejects an unclosed quote on its starting line and still reads the rows after it', async () => {
    const { rows, rejected } = await parseText(file('question,answer', 'q1,a1', 'q2,"broken answer', 'q3,a3', 'q4,a4'), 'csv')
    expect(rejected).toEqual([{ line: 3, reason: 'unclosed quote: a quoted field starting on line 3 never ends' }])
    expect(rows.map((r) => [r.line, r.question])).toEqual([
      [2, 'q1'],
      [4, 'q3'],
      [5, 'q4'],
    ])
  })

  it('rejects a row with more cells than the header (an unquoted comma) and empty required cells', async () => {
    const { rows, rejected } = await parseText(file('question,answer', 'q1,yes, of course', ',a2', 'q3,  ', ',,', 'q5,a5,,'), 'csv')
    expect(rejected).toEqual([
      { line: 2, reason: 'row has 3 cells but the header has 2 (an unquoted comma inside a cell?)' },
      { line: 3, reason: 'question is empty' },
      { line: 4, reason: 'answer is empty' },
    ])
    expect(rows.map((r) => r.line)).toEqual([6]) // line 5 is blank in all cells: skipped, not rejected
  })

  it('rejects the whole file on the header line when the question or answer column is missing', async () => {
    const { rows, rejected } = await parseText(file('title,body', 'q,a'), 'csv')
    expect(rows).toEqual([])
    expect(rejected).toEqual([
      {
        line: 1,
        reason: 'header row has no question (question/标准问题/標準問題/问题/問題) or answer (answer/答案) column',
      },
    ])
  })

  it('removes the formula guard apostrophe only where the export adds one', async () => {
    const { rows } = await parseText(file('question,answer', "'=SUM(A1),'+86 123", "'hello,''=x"), 'csv')
    expect(rows.map((r) => [r.question, r.answer])).toEqual([
      ['=SUM(A1)', '+86 123'],
      ["'hello", "'=x"],
    ])
  })

  it('reads a semicolon-separated file (European Excel) and an empty file', async () => {
    expect((await parseText('question;answer\nq;"a;b"\n', 'csv')).rows[0]?.answer).toBe('a;b')
    expect(await parseText('', 'csv')).toEqual({ rows: [], rejected: [], format: 'csv' })
  })
})
