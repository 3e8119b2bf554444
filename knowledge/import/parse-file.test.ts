import { describe, expect, it } from 'vitest'
import { parseFile } from './parse-file.ts'
import type { Format } from './types.ts'

const FORMATS: Format[] = ['jsonl', 'csv', 'xlsx', 'markdown', 'text']

describe('parseFile never throws for bad content', () => {
  it('answers random bytes in every format with rows and rejections, not an exception', async () => {
    let state = 7
    const byte = (): number => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % 256)
    for (const format of FORMATS) {
      for (let i = 0; i < 20; i++) {
        const bytes = Uint8Array.from({ length: 8 + ((i * 97) % 3000) }, byte)
        if (i % 4 === 0) bytes.set([0x50, 0x4b, 0x03, 0x04]) // pretend to be a ZIP, for the XLSX reader
        const result = await parseFile(bytes, format)
        expect(result.format).toBe(format)
        expect(Array.isArray(result.rows) && Array.isArray(result.rejected)).toBe(true)
        for (const r of result.rejected) expect(r.line).toBeGreaterThanOrEqual(1)
      }
    }
  })

  it('rejects an unknown format name on line 1 instead of throwing', async () => {
    const result = await parseFile(new Uint8Array([1]), 'pdf' as Format)
    expect(result.rejected).toEqual([{ line: 1, reason: 'unknown file format "pdf"' }])
  })

  it('reads an empty file as no rows in every format except XLSX, which must be a ZIP', async () => {
    for (const format of FORMATS) {
      const result = await parseFile(new Uint8Array(), format)
      expect(result.rows).toEqual([])
      expect(result.rejected).toHaveLength(format === 'xlsx' ? 1 : 0)
    }
  })
})
