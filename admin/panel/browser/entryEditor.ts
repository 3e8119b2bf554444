// The entry editor page: similar questions, category pickers, validity dates (stored as
// UTC instants, edited in local time) and the per-channel preview; saving is entrySave.ts.
import { dataJson, field } from '../../../bot/http/browser/dom.ts'
import { categoryPickers, type Category } from './categoryPickers.ts'
import { parseButtons, rendered, renderPreview, type Channel, type Rendered } from './entryPreview.ts'
import { entrySave } from './entrySave.ts'
import { similarList } from './similarList.ts'

const form = document.getElementById('entry-form') as HTMLFormElement | null
if (form) {
  const readonly = form.querySelector('fieldset')?.disabled ?? false
  const similar = similarList(document.getElementById('similar-list')!, dataJson<string[]>(form, 'similar', []))
  const categoryPath = categoryPickers(
    document.getElementById('category-pickers')!,
    dataJson<Category[]>(form, 'categories', []),
    dataJson<string[]>(form, 'path', []),
    readonly,
  )

  const local = (iso: string | undefined) => {
    if (!iso) return ''
    const d = new Date(iso)
    d.setMinutes(d.getMinutes() - d.getTimezoneOffset())
    return d.toISOString().slice(0, 16)
  }
  field(form, 'validFrom').value = local(form.dataset.validFrom)
  field(form, 'validTo').value = local(form.dataset.validTo)

  const box = document.getElementById('preview-box')!
  const tabs = [...form.querySelectorAll<HTMLElement>('[role=tab]')]
  let channel: Channel = 'webchat'
  const value = (name: string) => field<HTMLInputElement | HTMLTextAreaElement>(form, name).value.trim()
  let shown: { text: string | null; result: Rendered | null } = { text: null, result: null }
  let asked = 0
  function preview() {
    const input = { answer: value('answer'), override: value(`channel-${channel}`), buttons: parseButtons(value('buttons')) }
    const text = input.override || input.answer
    box.replaceChildren(...renderPreview(channel, input, shown.text === text ? shown.result : null))
    if (shown.text === text) return
    // Only the latest request may draw, so a slow answer for an older text never wins.
    const mine = ++asked
    void rendered(text).then((result) => {
      if (mine !== asked || !result) return
      shown = { text, result }
      preview()
    })
  }
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => {
      channel = tab.dataset.channel as Channel
      for (const x of tabs) x.setAttribute('aria-selected', String(x === tab))
      preview()
    })
    tab.addEventListener('keydown', (e) => {
      const to = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : null
      if (to) e.preventDefault(), to.focus(), to.click()
    })
  })
  form.addEventListener('input', preview)
  preview()

  entrySave(form, { similar, categoryPath })
}
