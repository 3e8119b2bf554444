/**
 * Open a ticket from the conversation: type, title and description come prefilled from the
 * chat — the customer's problems from the hand-off summary (or their last messages) and the
 * numbers they gave — so the agent only checks them; with a model, fields the rules left
 * empty are filled from the customer's free text, marked as suggestions. The server links the ticket to this
 * conversation and tells the customer its number (bot/tickets/fromConversation.ts).
 */
import { el, field } from '../../../bot/http/browser/dom.ts'
import { TICKET_TYPES } from '../../../bot/tickets/types.ts'
import type { ConsoleApp } from './context.ts'
import { dialogForm, fieldRow } from './dialogForm.ts'
import type { Detail } from './types.ts'

/** What the customer said that matters, oldest first. */
function problems(d: Detail): string[] {
  const asked = d.handoff.summary?.asked ?? []
  if (asked.length) return asked
  return d.messages
    .filter((m) => m.senderType === 'customer' && m.text.trim())
    .map((m) => m.text)
    .slice(-5)
}

export function prefill(app: ConsoleApp, d: Detail) {
  const said = problems(d)
  const found = d.handoff.summary?.found
  const numbers = [
    ...(found?.orders ?? []).map((n) => `${app.t('console.summary.orders')}: ${n}`),
    ...(found?.phones ?? []).map((n) => `${app.t('console.summary.phones')}: ${n}`),
  ]
  const complaint = d.handoff.reason === 'complaint'
  return {
    /** The rules decide the type only for a complaint; otherwise 'enquiry' is a default a suggestion may replace. */
    typeDecided: complaint,
    fields: { product: '', orderNo: found?.orders?.[0] ?? '', phone: found?.phones?.[0] ?? '', address: '' } as Record<AssistField, string>,
    type: complaint ? 'complaint' : 'enquiry',
    subject: (said[0] ?? '').replace(/\s+/g, ' ').slice(0, 80),
    description: [app.t('console.tickets.fromChat'), ...said.map((s) => `- ${s}`), ...numbers].join('\n'),
  }
}

const ASSIST_FIELDS = ['product', 'orderNo', 'phone', 'address'] as const
type AssistField = (typeof ASSIST_FIELDS)[number]
type Extracted = Partial<Record<AssistField | 'type', string>>

/**
 * What the model read in the customer's messages (bot/llm/extract.ts) goes into the fields
 * the rules left empty, marked "suggested — please confirm" until the agent edits it; the
 * agent's submit is the confirmation. Without a model the answer is {} and nothing changes.
 */
async function suggestFields(app: ConsoleApp, d: Detail, controls: Record<AssistField | 'type', HTMLInputElement | HTMLSelectElement>, typeDecided: boolean) {
  const { fields } = await app
    .call<{ fields: Extracted }>('GET', `/api/v1/console/conversations/${d.conversation.id}/ticket-fields`)
    .catch(() => ({ fields: {} as Extracted }))
  for (const [k, v] of Object.entries(fields) as [AssistField | 'type', string][]) {
    const control = controls[k]
    if (!control || !v || (k === 'type' ? typeDecided || control.dataset.touched : control.value)) continue
    control.value = v
    control.classList.add('suggested')
    const note = el('span', { class: 'suggested-note', 'data-testid': `suggested-${k}` }, ` ${app.t('console.assist.suggested')}`)
    control.before(note)
    control.addEventListener('input', () => (control.classList.remove('suggested'), note.remove()), { once: true })
  }
}

export function ticketDialog(app: ConsoleApp, d: Detail, done: (number: string) => void) {
  const { t } = app
  const start = prefill(app, d)
  const type = el(
    'select',
    { name: 'type', 'data-testid': 'ticket-type' },
    TICKET_TYPES.map((v) => el('option', { value: v, selected: v === start.type }, t(`console.tk.type.${v}`))),
  )
  const subject = el('input', { name: 'subject', required: true, maxlength: 200, value: start.subject, 'data-testid': 'ticket-subject' })
  const description = el('textarea', { name: 'description', rows: 6, maxlength: 10_000, 'data-testid': 'ticket-description' }, start.description)
  const extra = Object.fromEntries(
    ASSIST_FIELDS.map((k) => [k, el('input', { name: k, maxlength: k === 'address' ? 300 : 100, value: start.fields[k], 'data-testid': `ticket-${k}` })]),
  ) as Record<AssistField, HTMLInputElement>
  type.addEventListener('change', () => (type.dataset.touched = '1'), { once: true })
  dialogForm(app, {
    testid: 'ticket-dialog',
    title: t('console.tickets.new'),
    submitLabel: t('console.tickets.create'),
    fields: [
      fieldRow(t('console.tickets.type'), type),
      fieldRow(t('console.tickets.subject'), subject),
      fieldRow(t('console.tickets.description'), description),
      ...ASSIST_FIELDS.map((k) => fieldRow(t(`console.tickets.${k}`), extra[k])),
    ],
    async submit({ form }) {
      const made = await app.call<{ number: string }>('POST', '/api/v1/tickets/from-conversation', {
        conversationId: d.conversation.id,
        type: type.value,
        subject: field(form, 'subject').value.trim(),
        description: description.value,
        fields: Object.fromEntries(ASSIST_FIELDS.flatMap((k) => (extra[k].value.trim() ? [[k, extra[k].value.trim()]] : []))),
      })
      done(made.number) // re-reads the conversation, with the new ticket
      return true
    },
  })
  void suggestFields(app, d, { ...extra, type }, start.typeDecided)
}
