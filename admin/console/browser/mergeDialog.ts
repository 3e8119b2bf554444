/**
 * Merge another customer record of the same person into this one (supervisors): find it,
 * pick it, confirm. The server moves identities, conversations, tickets and surveys and
 * writes one audit row (bot/customers/mergeCustomers.ts).
 */
import { el, field, say } from '../../../bot/http/browser/dom.ts'
import type { ConsoleApp } from './context.ts'
import { dialogForm } from './dialogForm.ts'
import type { CustomerView } from './types.ts'

interface Found {
  id: string
  displayName: string
  phone: string | null
  channel: string | null
}

export function mergeDialog(app: ConsoleApp, keep: CustomerView, done: (text: string) => void) {
  const { t } = app
  const results = el('ul', { class: 'merge-results', 'data-testid': 'merge-results' })
  const q = el('input', { name: 'q', required: true, maxlength: 100, placeholder: t('console.merge.search'), 'data-testid': 'merge-query' })
  const f = dialogForm(app, {
    testid: 'merge-dialog',
    title: t('console.merge'),
    submitLabel: t('console.merge.find'),
    fields: [el('p', { class: 'muted small' }, t('console.merge.intro')), q, results],
    async submit({ form }) {
      const r = await app.call<{ items: Found[] }>('GET', `/api/v1/customers?q=${encodeURIComponent(field(form, 'q').value.trim())}`)
      const others = r.items.filter((c) => c.id !== keep.id)
      results.replaceChildren(...(others.length ? others.map(row) : [el('li', { class: 'muted' }, t('console.merge.none'))]))
      return false
    },
  })
  function row(c: Found) {
    const merge = async () => {
      if (!window.confirm(t('console.merge.confirm', { other: c.displayName, keep: keep.displayName }))) return
      try {
        const r = await app.call<{ moved: Record<string, number> }>('POST', `/api/v1/customers/${encodeURIComponent(keep.id)}/merge`, { mergeId: c.id })
        f.dialog.close()
        done(t('console.merge.done', { n: r.moved.identities ?? 0, c: r.moved.conversations ?? 0, t: r.moved.tickets ?? 0 }))
      } catch (err) {
        say(f.status, err instanceof Error ? err.message : String(err))
      }
    }
    return el(
      'li',
      {},
      `${c.displayName}${c.phone ? ` · ${c.phone}` : ''}${c.channel ? ` · ${c.channel}` : ''} `,
      el('button', { type: 'button', class: 'secondary', 'data-testid': 'merge-pick', onclick: () => void merge() }, t('console.merge.do')),
    )
  }
}
