/**
 * Open a ticket from the conversation: type, title and description come prefilled from the
 * chat — the customer's problems from the hand-off summary (or their last messages) and the
 * numbers they gave — so the agent only checks them. The server links the ticket to this
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
    type: complaint ? 'complaint' : 'enquiry',
    subject: (said[0] ?? '').replace(/\s+/g, ' ').slice(0, 80),
    description: [app.t('console.tickets.fromChat'), ...said.map((s) => `- ${s}`), ...numbers].join('\n'),
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
  dialogForm(app, {
    testid: 'ticket-dialog',
    title: t('console.tickets.new'),
    submitLabel: t('console.tickets.create'),
    fields: [
      fieldRow(t('console.tickets.type'), type),
      fieldRow(t('console.tickets.subject'), subject),
      fieldRow(t('console.tickets.description'), description),
    ],
    async submit({ form }) {
      const made = await app.call<{ number: string }>('POST', '/api/v1/tickets/from-conversation', {
        conversationId: d.conversation.id,
        type: type.value,
        subject: field(form, 'subject').value.trim(),
        description: description.value,
      })
      done(made.number) // re-reads the conversation, with the new ticket
      return true
    },
  })
}
