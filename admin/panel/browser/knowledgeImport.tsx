/** @jsxImportSource hono/jsx/dom */
// Bulk import: send the chosen file as the raw body for a dry run, show what would happen
// (and every rejected line with its reason), and import only when asked and error-free.
import { render } from 'hono/jsx/dom'
import { send } from '../../../bot/http/browser/api.ts'
import { field, say } from '../../../bot/http/browser/dom.ts'
import { errorText, L } from './panel.ts'

interface Report {
  new: { line: number; id: string }[]
  changed: { line: number; id: string; fields: string[] }[]
  unchanged: unknown[]
  rejected: { line: number; reason: string }[]
  /** row: spreadsheet rows (CSV, XLSX); line: file lines (JSONL, Markdown, text). */
  unit?: 'row' | 'line'
}

const counts = (r: Report) => ({ new: r.new.length, changed: r.changed.length, unchanged: r.unchanged.length, rejected: r.rejected.length })

function ReportCard({ report, onApply }: { report: Report; onApply: (button: HTMLButtonElement) => void }) {
  const rows: [{ line: number; id: string }, string, string][] = [
    ...report.new.map((r) => [r, L('panel.import.new'), ''] as [typeof r, string, string]),
    ...report.changed.map((r) => [r, L('panel.import.changed'), r.fields.join(', ')] as [typeof r, string, string]),
  ]
  const at = (n: number) => L(report.unit === 'row' ? 'panel.import.row' : 'panel.import.line', { n })
  const n = report.new.length + report.changed.length
  const clean = !report.rejected.length
  return (
    <div class="card">
      <p class="summary" data-testid="import-summary">
        {L('panel.import.summary', counts(report))}
      </p>
      {!clean && (
        <>
          <p class="error">{L('panel.import.errors')}</p>
          <ul class="rejected" data-testid="import-rejected">
            {report.rejected.map((r) => (
              <li>
                <strong>{at(r.line)}</strong> {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {rows.length > 0 && (
        <div class="table-wrap">
          <table>
            <tbody>
              {rows.slice(0, 200).map(([r, kind, fields]) => (
                <tr>
                  <td>{at(r.line)}</td>
                  <td>{kind}</td>
                  <td>{r.id}</td>
                  <td class="muted">{fields}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {clean && n === 0 && <p class="muted">{L('panel.import.nothing')}</p>}
      {clean && n > 0 && (
        <button type="button" data-testid="import-apply" onClick={(e: MouseEvent) => onApply(e.currentTarget as HTMLButtonElement)}>
          {L('panel.import.do', { n })}
        </button>
      )}
    </div>
  )
}

const form = document.getElementById('import-form') as HTMLFormElement | null
const out = document.getElementById('import-report')!
const errorBox = document.getElementById('import-error')

async function upload(file: File, dryRun: boolean) {
  const qs = new URLSearchParams({ filename: file.name, dryRun: String(dryRun), status: field<HTMLSelectElement>(form!, 'status').value })
  return send<Report>('POST', `/api/v1/kb/import?${qs}`, await file.arrayBuffer(), 'application/octet-stream')
}

function show(report: Report, file: File) {
  const apply = async (button: HTMLButtonElement) => {
    if (!window.confirm(L('panel.import.confirm', counts(report)))) return
    button.disabled = true
    try {
      const done = await upload(file, false)
      render(
        <p class="notice" role="status" data-testid="import-done">
          {L('panel.import.done', counts(done))}
        </p>,
        out,
      )
    } catch (err) {
      button.disabled = false
      say(errorBox, errorText(err))
    }
  }
  render(<ReportCard report={report} onApply={apply} />, out)
}

form?.addEventListener('submit', async (e) => {
  e.preventDefault()
  say(errorBox, '')
  const input = field(form, 'file')
  const file = input.files?.[0]
  if (!file) return void (say(errorBox, L('panel.import.pick')), input.focus())
  try {
    show(await upload(file, true), file)
  } catch (err) {
    out.replaceChildren()
    say(errorBox, errorText(err))
  }
})
