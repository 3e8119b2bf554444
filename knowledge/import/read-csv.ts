/**
 * A small RFC 4180 reader that remembers, for each record, the row Excel or WPS shows it on
 * (a quoted cell with line breaks is still one row; a blank line is a row of its own) — that is
 * where an admin who opened the file in a spreadsheet looks — and the file line it starts on.
 * It survives damage: an unclosed quote costs the record it opens, not the rest of the file.
 */

export interface CsvRecord {
  /** The file line the record starts on (what a text editor shows). */
  line: number
  /** The spreadsheet row (what Excel and WPS show in their left margin). */
  row: number
  cells: string[]
}

export interface CsvRead {
  records: CsvRecord[]
  /** `line` here is the spreadsheet row, like every import report position. */
  errors: { line: number; reason: string }[]
}

/** Comma unless the header line clearly uses tab (Excel "Unicode Text") or semicolon (European Excel). */
export function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/))
  let best = ','
  let bestCount = 0
  for (const d of [',', '\t', ';']) {
    const count = firstLine.split(d).length - 1
    if (count > bestCount) [best, bestCount] = [d, count]
  }
  return best
}

export function readCsv(text: string, delimiter = sniffDelimiter(text), firstLine = 1, firstRow = 1): CsvRead {
  const out: CsvRead = { records: [], errors: [] }
  let row = firstRow
  let cells: string[] = []
  let field = ''
  let quoted = false // inside a quoted field
  let line = firstLine
  let recordLine = firstLine
  let recordStart = 0 // index in text where the current record began

  const endRecord = (): void => {
    cells.push(field)
    // A blank line is one empty cell: not a record, but a row in a spreadsheet.
    if (cells.length > 1 || cells[0] !== '') out.records.push({ line: recordLine, row, cells })
    row++
    cells = []
    field = ''
  }

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (ch === '"') quoted = false
      else {
        field += ch
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++
      }
      continue
    }
    if (ch === '"' && field === '') quoted = true
    else if (ch === delimiter) cells.push(field), (field = '')
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
      recordStart = i + 1
    } else field += ch // includes a stray quote mid-field: kept literally, as Excel does
  }

  if (quoted) {
    // The quote never closed: drop this record and read on from the line after it began.
    out.errors.push({ line: row, reason: `unclosed quote: a quoted field starting on line ${recordLine} never ends` })
    const nextLine = text.slice(recordStart).search(/\r\n|\r|\n/)
    if (nextLine >= 0) {
      const rest = text.slice(recordStart + nextLine).replace(/^(\r\n|\r|\n)/, '')
      const more = readCsv(rest, delimiter, recordLine + 1, row + 1)
      out.records.push(...more.records)
      out.errors.push(...more.errors)
    }
  } else if (field !== '' || cells.length > 0) endRecord()
  return out
}
