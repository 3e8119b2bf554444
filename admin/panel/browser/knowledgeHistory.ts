// Restore an old version of an entry (after asking); the API writes it as a new version.
import { api } from '../../../bot/http/browser/api.ts'
import { say } from '../../../bot/http/browser/dom.ts'
import { errorText } from './panel.ts'

const list = document.querySelector<HTMLElement>('[data-testid=versions]')
list?.addEventListener('click', async (e) => {
  const b = (e.target as Element).closest<HTMLButtonElement>('button[data-restore]')
  if (!b || !window.confirm(b.dataset.confirmText ?? '')) return
  const id = encodeURIComponent(list.dataset.id ?? '')
  try {
    await api('POST', `/api/v1/kb/entries/${id}/versions/${b.dataset.restore}/restore`, { version: Number(list.dataset.version) })
    location.assign(`/admin/knowledge/${id}?saved=restored`)
  } catch (err) {
    say(document.getElementById('history-error'), errorText(err))
  }
})
