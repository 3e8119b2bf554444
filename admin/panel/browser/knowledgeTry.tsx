/** @jsxImportSource hono/jsx/dom */
// 试一试: send the message to POST /api/v1/kb/search and show the decision, the candidates
// with every score component, the thresholds in force, and the answer the bot would send.
import { render } from 'hono/jsx/dom'
import { api } from '../../../bot/http/browser/api.ts'
import { field, say } from '../../../bot/http/browser/dom.ts'
import { errorText, L, num } from './panel.ts'

interface Candidate {
  entryId: string
  question: string
  score: number
  reason: { matchedQuestion: string; vector: number; entry: number; keyword: number }
}
interface SearchResult {
  decision: 'answer' | 'clarify' | 'fallback'
  thresholds: { source: string; answer: number; margin: number; clarify: number }
  candidates: Candidate[]
}

function Decision({ r }: { r: SearchResult }) {
  const t = r.thresholds
  return (
    <div class={`card decision ${r.decision}`} data-testid="decision" data-decision={r.decision}>
      <h2>{L(`panel.decision.${r.decision}`)}</h2>
      <p class="muted">{L(`panel.try.why.${r.decision}`)}</p>
      <p class="small" data-testid="thresholds">
        {L('panel.try.thresholds', { source: L(`panel.src.${t.source}`), answer: num(t.answer), margin: num(t.margin), clarify: num(t.clarify) })}
      </p>
    </div>
  )
}

function Candidates({ list, decision }: { list: Candidate[]; decision: string }) {
  if (!list.length) return <p class="card muted">{L('panel.try.none')}</p>
  const head = [
    '#',
    L('panel.try.candidates'),
    L('panel.try.score'),
    L('panel.try.matched'),
    L('panel.try.vector'),
    L('panel.try.entry'),
    L('panel.try.keyword'),
  ]
  return (
    <div class="card table-wrap">
      <table data-testid="candidates">
        <thead>
          <tr>
            {head.map((h) => (
              <th>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {list.map((c, i) => (
            <tr class={decision === 'answer' && i === 0 ? 'chosen' : undefined}>
              <td>{String(i + 1)}</td>
              <td>
                <a href={`/admin/knowledge/${encodeURIComponent(c.entryId)}`}>{c.question}</a>
                <div class="muted small">{c.entryId}</div>
              </td>
              <td>
                <meter min={0} max={1} value={c.score} /> {num(c.score)}
              </td>
              <td>{c.reason.matchedQuestion}</td>
              <td>{num(c.reason.vector)}</td>
              <td>{num(c.reason.entry)}</td>
              <td>{num(c.reason.keyword)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

const form = document.getElementById('try-form') as HTMLFormElement | null
const out = document.getElementById('try-result')!
const errorBox = document.getElementById('try-error')

async function run(text: string) {
  say(errorBox, '')
  const r = await api<SearchResult>('POST', '/api/v1/kb/search', { text, limit: 5 })
  const top = r.decision === 'answer' ? r.candidates[0] : undefined
  const entry = top && (await api<{ answer: string }>('GET', `/api/v1/kb/entries/${encodeURIComponent(top.entryId)}`))
  render(
    <>
      <Decision r={r} />
      {entry && (
        <div class="card">
          <h3>{L('panel.try.answerText')}</h3>
          <div class="bubble pre" data-testid="answer-text">
            {entry.answer}
          </div>
        </div>
      )}
      <Candidates list={r.candidates} decision={r.decision} />
    </>,
    out,
  )
}

if (form) {
  const input = field(form, 'text')
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    const text = input.value.trim()
    if (!text) return void (say(errorBox, L('panel.err.required')), input.focus())
    history.replaceState(null, '', `?q=${encodeURIComponent(text)}`)
    try {
      await run(text)
    } catch (err) {
      say(errorBox, errorText(err))
    }
  })
  if (input.value.trim()) form.requestSubmit()
}
