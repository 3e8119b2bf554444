import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../bot/runtime.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { parseFile } from '../../knowledge/import/index.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'

const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n')
const good = [
  { id: 'r1', question: '如何退货', similar_questions: ['怎么退货'], answer: '七天内可退。', category: '售后/退换货' },
  { id: 'r2', question: '运费怎么算', similar_questions: [], answer: '满 99 包邮。', category: '物流' },
]

describe.each(DB_KINDS)('knowledge import and export over HTTP on %s', (kind) => {
  let rt: Runtime
  let client: TestClient
  let headers: Record<string, string>
  const upload = (body: string, q: string) =>
    client.app.request(`/api/v1/kb/import?${q}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/octet-stream' }, body })

  beforeAll(async () => {
    rt = await testRuntime(kind)
    await knowledgeModule.prepare!(rt)
    client = testApp(rt, [knowledgeModule])
    headers = (await client.loginAs('supervisor')).headers
  })
  afterAll(async () => rt?.close())

  it('reports a bad line in a dry run, writes nothing, and imports nothing while any line is bad', async () => {
    const file = `${jsonl(good)}\n{"id": "r3", "question": "坏行" \n${JSON.stringify({ id: 'r4', question: '发票', answer: '' })}`
    const dry = (await (await upload(file, 'filename=kb.jsonl&lang=en')).json()) as any
    expect(dry).toMatchObject({ dryRun: true, applied: false, unit: 'line' })
    expect(dry.new.map((n: any) => n.id)).toEqual(['r1', 'r2'])
    expect(dry.rejected.map((r: any) => r.line)).toEqual([3, 4])
    expect(dry.rejected[0].reason).toMatch(/JSON/i)
    expect(dry.rejected[1].reason).toMatch(/answer/i)
    const real = (await (await upload(file, 'filename=kb.jsonl&dryRun=false')).json()) as any
    expect(real.applied).toBe(false)
    const list = (await (await client.app.request('/api/v1/kb/entries', { headers })).json()) as any
    expect(list.total).toBe(0)
  })

  // Issue 18, item 8: positions as the spreadsheet shows them, reasons in the reader's language, a template.
  it('counts CSV rejects in spreadsheet rows, words them in zh or en, and offers a template that imports clean', async () => {
    // Row 2 has an answer over three file lines; row 3 is fine; row 4 (file line 6) has no answer.
    const csv = 'question,answer\n怎么退货,"第一行\n第二行\n第三行"\n运费,满 99 包邮\n发票,\n'
    const zh = (await (await upload(csv, 'filename=kb.csv&lang=zh')).json()) as any
    expect(zh.unit).toBe('row')
    expect(zh.rejected).toEqual([{ line: 4, reason: '答案为空' }])
    const en = (await (await upload(csv, 'filename=kb.csv&lang=en')).json()) as any
    expect(en.rejected).toEqual([{ line: 4, reason: 'answer is empty' }])
    const bad = (await (await upload('标题,内容\n a,b\n', 'filename=kb.csv&lang=zh')).json()) as any
    expect(bad.rejected[0].reason).toMatch(/^表头缺少/)

    for (const [format, lang] of [
      ['xlsx', 'zh'],
      ['csv', 'en'],
    ] as const) {
      const res = await client.app.request(`/api/v1/kb/import/template?format=${format}&lang=${lang}`, { headers })
      expect(res.headers.get('content-disposition')).toContain(`kefu-import-template-${lang}.${format}`)
      const bytes = new Uint8Array(await res.arrayBuffer())
      const parsed = await parseFile(bytes, format)
      expect(parsed.rejected).toEqual([])
      expect(parsed.rows.map((r) => r.line)).toEqual([2, 3])
      expect(parsed.rows[0]!.similarQuestions.length).toBeGreaterThan(1)
      if (lang === 'zh') expect(parsed.rows[0]!.question).toBe('怎么退货？')
    }
  })

  it('imports, is idempotent on the id, reports changes, and round-trips through every export format', async () => {
    const first = (await (await upload(jsonl(good), 'filename=kb.jsonl&dryRun=false')).json()) as any
    expect(first).toMatchObject({ applied: true })
    expect(first.new).toHaveLength(2)
    const again = (await (await upload(jsonl(good), 'filename=kb.jsonl&dryRun=false')).json()) as any
    expect(again.unchanged).toHaveLength(2)
    const edited = [{ ...good[0]!, answer: '十五天内可退。' }, good[1]!]
    const changed = (await (await upload(jsonl(edited), 'filename=kb.jsonl&dryRun=true')).json()) as any
    expect(changed.changed).toEqual([{ line: 1, id: 'r1', fields: ['answer'] }])
    for (const format of ['jsonl', 'csv', 'xlsx'] as const) {
      const res = await client.app.request(`/api/v1/kb/export?format=${format}`, { headers })
      expect(res.status).toBe(200)
      const parsed = await parseFile(new Uint8Array(await res.arrayBuffer()), format)
      expect(parsed.rejected).toEqual([])
      expect(parsed.rows.map((r) => [r.id, r.question, r.answer, r.categoryPath.join('/')])).toEqual([
        ['r1', '如何退货', '七天内可退。', '售后/退换货'],
        ['r2', '运费怎么算', '满 99 包邮。', '物流'],
      ])
    }
  })
})
