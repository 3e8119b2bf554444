/** @jsxImportSource hono/jsx/dom */
// What the agent must know before typing: why it came to people, who this is (by name), the
// tickets of this chat and the customer's others, labels, and every conversation on every
// channel; the model's hand-off summary above the rules' one when a model wrote it. Editing
// the profile, opening a ticket and merging open dialogs (dialogForm.ts).
import { ApiError } from '../../../bot/http/browser/api.ts'
import { codeLabel, shortTime, type ConsoleApp } from './context.ts'
import { mergeDialog } from './mergeDialog.ts'
import { profileDialog } from './profileDialog.ts'
import { ticketDialog } from './ticketDialog.ts'
import type { Detail, FieldIssue, TicketBrief } from './types.ts'

/** The last thing a side-panel action reported, kept across the re-render that follows it. */
let notice: { conversationId: number; text: string; error?: boolean } | null = null
const tell = (app: ConsoleApp, conversationId: number, text: string, error = false) => {
  notice = { conversationId, text, error }
  void app.refresh()
}

function Summary({ app, d }: { app: ConsoleApp; d: Detail }) {
  const { t } = app
  const s = d.handoff.summary
  if (!s) return <p class="muted">{t('console.summary.none')}</p>
  const reason = d.handoff.reason && codeLabel(app, 'reason', d.handoff.reason)
  const found: [string, string[]][] = [
    ['orders', s.found?.orders ?? []],
    ['phones', s.found?.phones ?? []],
    ['tickets', s.found?.tickets ?? []],
  ]
  return (
    <>
      {reason && <p data-testid="handoff-reason">{t('console.summary.reason', { reason })}</p>}
      <h4>{t('console.summary.asked')}</h4>
      <ul>
        {(s.asked ?? []).map((q) => (
          <li>{q}</li>
        ))}
      </ul>
      <h4>{t('console.summary.tried')}</h4>
      <ul>
        {(s.botTried ?? []).map((b) => (
          <li>
            <span class="muted">{`${codeLabel(app, 'kind', b.kind)}: `}</span>
            {b.text}
          </li>
        ))}
      </ul>
      {found.some(([, v]) => v.length) && (
        <>
          <h4>{t('console.summary.found')}</h4>
          <dl data-testid="summary-found">
            {found
              .filter(([, v]) => v.length)
              .map(([k, v]) => (
                <>
                  <dt>{t(`console.summary.${k}`)}</dt>
                  <dd>{v.join(', ')}</dd>
                </>
              ))}
          </dl>
        </>
      )}
    </>
  )
}

/** The model's summary, above the rules' one and labelled as the model's: the agent checks it, the rules' summary stays the record. */
function ModelSummary({ app, d }: { app: ConsoleApp; d: Detail }) {
  const { t } = app
  const m = d.handoff.model
  if (!m) return null
  const found: [string, string[]][] = [
    ['console.summary.orders', m.found.orders],
    ['console.summary.phones', m.found.phones],
    ['console.assist.addresses', m.found.addresses],
  ]
  return (
    <div class="model-summary" data-testid="model-summary">
      <h4>
        {t('console.assist.summary')} <span class="badge">{t('console.assist.byModel')}</span>
      </h4>
      <p data-testid="model-summary-wants">
        <span class="muted">{`${t('console.assist.wants')}: `}</span>
        {m.wants}
      </p>
      {m.tried && (
        <p>
          <span class="muted">{`${t('console.assist.tried')}: `}</span>
          {m.tried}
        </p>
      )}
      {found.some(([, v]) => v.length) && (
        <dl data-testid="model-summary-found">
          {found
            .filter(([, v]) => v.length)
            .map(([k, v]) => (
              <>
                <dt>{t(k)}</dt>
                <dd>{v.join(', ')}</dd>
              </>
            ))}
        </dl>
      )}
    </div>
  )
}

function Profile({ app, d }: { app: ConsoleApp; d: Detail }) {
  const cu = d.customer
  const rows: [string, string | null][] = [
    ['name', cu.name],
    ['tier', codeLabel(app, 'tier', cu.tier)],
    ['manager', cu.accountManager?.name ?? null],
    ['phone', cu.phone],
    ['email', cu.email],
    ['tags', cu.tags.join(', ')],
    ['notes', cu.notes],
  ]
  return (
    <>
      <dl>
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <>
              <dt>{app.t(`console.profile.${k}`)}</dt>
              <dd data-testid={`profile-${k}-value`}>{v}</dd>
            </>
          ))}
      </dl>
      <div class="side-actions">
        <button type="button" class="secondary" data-testid="edit-profile" onClick={() => profileDialog(app, cu)}>
          {app.t('console.profile.edit')}
        </button>
        {app.supervisor && (
          <button
            type="button"
            class="secondary"
            data-testid="merge-customer"
            onClick={() => mergeDialog(app, cu, (text) => tell(app, d.conversation.id, text))}
          >
            {app.t('console.merge')}
          </button>
        )}
      </div>
    </>
  )
}

function Tickets({ app, list, testid }: { app: ConsoleApp; list: TicketBrief[]; testid: string }) {
  const { t } = app
  if (!list.length)
    return (
      <p class="muted" data-testid={testid}>
        {t('console.tickets.none')}
      </p>
    )
  const due = (x: TicketBrief) =>
    x.sla.breached
      ? t('console.tk.sla.breached')
      : x.sla.paused
        ? t('console.tk.sla.paused')
        : x.sla.firstResponseDueAt
          ? t('console.tickets.firstDue', { when: shortTime(app, x.sla.firstResponseDueAt) })
          : x.sla.resolutionDueAt
            ? t('console.tickets.due', { when: shortTime(app, x.sla.resolutionDueAt) })
            : t('console.tk.sla.done')
  return (
    <ul class="side-tickets" data-testid={testid}>
      {list.map((x) => (
        <li data-number={x.number}>
          <a href={`/admin/tickets/${x.number}`}>{x.number}</a>
          {` · ${t(`console.tk.type.${x.type}`)} · ${t(`console.tk.st.${x.status}`)} · ${t(`console.tk.pr.${x.priority}`)}`}
          <div class={x.sla.breached ? 'sla-breached' : x.sla.warned ? 'sla-warned' : 'muted'}>{due(x)}</div>
          <div class="muted">{x.subject}</div>
        </li>
      ))}
    </ul>
  )
}

function Labels({ app, d }: { app: ConsoleApp; d: Detail }) {
  const { t } = app
  const base = `/api/v1/console/conversations/${d.conversation.id}/labels`
  const failed = (err: unknown) => {
    const issue = err instanceof ApiError ? ((err.details.issues ?? []) as FieldIssue[])[0] : undefined
    tell(app, d.conversation.id, issue ? ((app.locale === 'en' ? issue.en : issue.zh) ?? issue.message) : String(err), true)
  }
  const add = (e: Event) => {
    e.preventDefault()
    const input = (e.target as HTMLFormElement).elements.namedItem('label') as HTMLInputElement
    if (!input.value.trim()) return
    app.call('POST', base, { label: input.value }).then(() => app.refresh(), failed)
  }
  const remove = (label: string) => app.call('DELETE', `${base}/${encodeURIComponent(label)}`).then(() => app.refresh(), failed)
  return (
    <>
      <ul class="labels" data-testid="labels">
        {d.labels.length ? (
          d.labels.map((l) => (
            <li class="label-chip">
              {l}
              <button type="button" class="link" aria-label={t('console.labels.remove', { label: l })} onClick={() => void remove(l)}>
                ×
              </button>
            </li>
          ))
        ) : (
          <li class="muted">{t('console.labels.none')}</li>
        )}
      </ul>
      <form class="label-add" onSubmit={add}>
        <input name="label" maxlength={30} placeholder={t('console.labels.add')} aria-label={t('console.labels.add')} data-testid="label-input" />
        <button type="submit" class="secondary">
          +
        </button>
      </form>
    </>
  )
}

function History({ app, d }: { app: ConsoleApp; d: Detail }) {
  const { t } = app
  if (!d.history.length) return <p class="muted">{t('console.history.none')}</p>
  return (
    <ul class="history">
      {d.history.map((h) => (
        <li>
          <button type="button" class="link" onClick={() => app.open(h.id)}>{`#${h.id} · ${h.channel} · ${shortTime(app, h.createdAt)}`}</button>
          {` ${t(`console.status.${h.status}`)} · ${t('console.history.messages', { n: h.messageCount })}`}
          {h.firstText && <div class="muted">{h.firstText}</div>}
        </li>
      ))}
    </ul>
  )
}

export function SidePanel({ app, d }: { app: ConsoleApp; d: Detail }) {
  const { t } = app
  const shown = notice?.conversationId === d.conversation.id ? notice : null
  return (
    <>
      {shown && (
        <p class={shown.error ? 'error' : 'notice'} role={shown.error ? 'alert' : 'status'} data-testid="side-status">
          {shown.text}
        </p>
      )}
      <section data-testid="handoff-summary">
        <h3>{t('console.summary')}</h3>
        <ModelSummary app={app} d={d} />
        <Summary app={app} d={d} />
      </section>
      <section data-testid="profile">
        <h3>{t('console.profile')}</h3>
        <Profile app={app} d={d} />
      </section>
      <section>
        <h3>{t('console.tickets.thisChat')}</h3>
        <Tickets app={app} list={d.tickets.thisChat} testid="tickets-this-chat" />
        <button
          type="button"
          class="secondary"
          data-testid="new-ticket"
          onClick={() => ticketDialog(app, d, (number) => tell(app, d.conversation.id, t('console.tickets.created', { number })))}
        >
          {t('console.tickets.new')}
        </button>
        <h3>{t('console.tickets.other')}</h3>
        <Tickets app={app} list={d.tickets.other} testid="tickets-other" />
      </section>
      <section>
        <h3>{t('console.labels')}</h3>
        <Labels app={app} d={d} />
      </section>
      <section data-testid="history">
        <h3>{t('console.channels')}</h3>
        <History app={app} d={d} />
      </section>
      <section>
        <h3>{t('console.identities')}</h3>
        <ul>
          {d.identities.map((i) => (
            <li>{`${i.channel} · ${i.displayName ?? i.externalId}`}</li>
          ))}
        </ul>
      </section>
    </>
  )
}
