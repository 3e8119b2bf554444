/**
 * /admin/tickets/:number — one ticket for agents and up: its fields and SLA clocks (with
 * the time spent waiting on the customer, which does not count), the allowed next statuses
 * as buttons, priority, assignee, internal notes, a reply to the customer, likely
 * duplicates to merge into it, the conversations it came from (its own and its merged
 * duplicates'), and the history. Every action goes through the ticket API
 * (browser/tickets.ts); the server's refusals (409 with the allowed moves or the reason a
 * merge is refused, 403) are shown as they come.
 */
import type { Hono } from 'hono'
import { requireRole } from '../../../bot/http/auth.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { likelyDuplicates } from '../../../bot/tickets/duplicates.ts'
import { mergeLinks } from '../../../bot/tickets/readTickets.ts'
import { waitedSincePause } from '../../../bot/tickets/sla.ts'
import { attachmentsOf, findTicket, ticketEvents } from '../../../bot/tickets/store.ts'
import { TicketAttachments } from './attachments.tsx'
import { PRIORITIES, STATUSES, TRANSITIONS } from '../../../bot/tickets/types.ts'
import { panelPage, t } from '../shell.tsx'
import { staffClock } from '../../../bot/timeZone.ts'
import { channelLabel } from './listPage.tsx'
import { staffChoices } from './query.ts'
import { describeRoute } from '../../../bot/http/api.ts'

export function ticketDetailPage(app: Hono<AppEnv>) {
  describeRoute(app, {
    method: 'get',
    path: '/admin/tickets/:number{[A-Za-z0-9-]+}',
    role: 'agent',
    summary: 'Page: a ticket',
    tag: 'pages',
    produces: 'text/html',
  })
  app.get('/admin/tickets/:number{[A-Za-z0-9-]+}', requireRole('agent'), async (c) => {
    const locale = c.get('locale')
    const l = (k: string, v?: Record<string, string | number>) => t(locale, k, v)
    const db = c.get('services').db
    const when = await staffClock(db)
    const tk = await findTicket(db, { number: c.req.param('number') })
    if (!tk)
      return panelPage(c, {
        title: l('tk.title'),
        path: '/admin/tickets',
        status: 404,
        children: (
          <p class="card error" role="alert">
            {l('tk.notFound')}
          </p>
        ),
      })
    const [events, staff, cust, links, duplicates, waiting, attachments] = await Promise.all([
      ticketEvents(db, tk.id),
      staffChoices(db),
      db.query<any>('select coalesce(name, id) as name from customers where id = $1', [tk.customerId]),
      mergeLinks(db, tk),
      tk.status === 'closed' ? [] : likelyDuplicates(db, tk),
      waitedSincePause(db, tk, c.get('services').clock.now()),
      attachmentsOf(db, tk.id),
    ])
    const duration = (ms: number) => {
      const min = Math.round(ms / 60_000)
      return l('tk.sla.duration', { h: Math.floor(min / 60), m: min % 60 })
    }
    // A merged duplicate carries on as its survivor: no moves of its own.
    const moves = tk.mergedIntoId == null ? TRANSITIONS[tk.status] : []
    const ticketLink = (n: string) => <a href={`/admin/tickets/${n}`}>{n}</a>
    const transcript = (id: number, testid: string) => (
      <a href={`/admin/dashboard/conversations/${id}`} data-testid={testid}>
        {l('tk.openTranscript', { id })}
      </a>
    )
    const nameOf = (id: number | null) => (id == null ? l('tk.nobody') : (staff.find((s) => s.id === Number(id))?.name ?? `#${id}`))
    const labels = Object.fromEntries(STATUSES.map((s) => [s, l(`tk.st.${s}`)]))
    const notes = events.filter((e) => e.kind === 'note')
    const field = (k: string, v: string) => (
      <>
        <dt>{k}</dt>
        <dd>{v}</dd>
      </>
    )
    return panelPage(c, {
      title: l('tk.detail', { number: tk.number }),
      path: '/admin/tickets',
      scripts: ['tickets.js'],
      children: (
        <div id="tk-detail" data-number={tk.number} data-status={tk.status} data-labels={JSON.stringify(labels)}>
          <div class="panel-head">
            <h1>{l('tk.detail', { number: tk.number })}</h1>
            <a class="button secondary" href="/admin/tickets">
              {l('tk.back')}
            </a>
          </div>
          {links.mergedInto && (
            <p class="card notice" data-testid="tk-merged-into">
              {l('tk.mergedInto')} {ticketLink(links.mergedInto)}
            </p>
          )}
          <p id="tk-status" class="notice" role="status" hidden></p>
          <p id="tk-error" class="error" role="alert" hidden></p>
          <div class="cols">
            <div class="stack">
              <section class="card">
                <h2>{tk.subject}</h2>
                <dl class="tk-fields" data-testid="tk-fields">
                  {field(l('tk.f.status'), l(`tk.st.${tk.status}`))}
                  {field(l('tk.f.type'), l(`tk.type.${tk.type}`))}
                  {field(l('tk.f.priority'), l(`tk.pr.${tk.priority}`))}
                  {tk.rootCause && field(l('tk.f.rootCause'), tk.rootCause)}
                  {field(l('tk.col.customer'), String(cust.rows[0]?.name ?? tk.customerId))}
                  {field(l('tk.f.owner'), nameOf(tk.ownerId))}
                  {field(l('tk.f.assignee'), nameOf(tk.assigneeId))}
                  {field(l('tk.f.channel'), channelLabel(l, tk.channel))}
                  {field(l('tk.category'), tk.categoryPath.join(' / ') || '—')}
                  {field(l('tk.col.created'), when(tk.createdAt))}
                  {field(l('tk.col.updated'), when(tk.updatedAt))}
                  {Object.entries(tk.fields).map(([k, v]) => field(k, v))}
                </dl>
                <h3>{l('tk.description')}</h3>
                <p class="pre">{tk.description || '—'}</p>
                <ul data-testid="tk-sources">
                  <li>{tk.conversationId ? transcript(tk.conversationId, 'tk-transcript') : <span class="muted">{l('tk.noConversation')}</span>}</li>
                  {links.merged.map((m) => (
                    <li data-number={m.number}>
                      {m.conversationId ? transcript(m.conversationId, 'tk-merged-transcript') : <span class="muted">{l('tk.noConversation')}</span>}{' '}
                      <span class="muted small">{l('tk.mergedFrom', { channel: channelLabel(l, m.channel) })} </span>
                      {ticketLink(m.number)}
                    </li>
                  ))}
                </ul>
              </section>
              {attachments.length > 0 && <TicketAttachments items={attachments} l={l} />}
              <section class="card" data-testid="tk-sla">
                <h2>{l('tk.sla')}</h2>
                <dl class="tk-fields">
                  {field(l('tk.sla.firstDue'), when(tk.firstResponseDueAt) || '—')}
                  {field(
                    l('tk.sla.resolveDue'),
                    tk.resolutionPausedAt ? l('tk.sla.pausedSince', { when: when(tk.resolutionPausedAt) }) : when(tk.resolutionDueAt) || '—',
                  )}
                  {field(l('tk.sla.waited'), duration(tk.resolutionPausedMs + waiting))}
                </dl>
              </section>
              <section class="card">
                <h2>{l('tk.reply')}</h2>
                <textarea id="tk-reply-text" rows={3} placeholder={l('tk.replyPlaceholder')} data-testid="tk-reply-text"></textarea>
                <div class="form-actions">
                  <button type="button" data-act="reply" data-testid="tk-reply">
                    {l('tk.sendReply')}
                  </button>
                </div>
              </section>
              <section class="card">
                <h2>{l('tk.history')}</h2>
                <ol class="tk-history" data-testid="tk-history">
                  {events.map((e) => (
                    <li data-kind={e.kind}>
                      <span class="muted small">{`${when(e.at)} · ${e.actor.type === 'user' ? (e.actor.name ?? `#${e.actor.id}`) : e.actor.type === 'system' ? l('tk.system') : e.actor.id}`}</span>{' '}
                      <strong>{l(`tk.ev.${e.kind}`)}</strong>{' '}
                      {e.kind === 'status' || (e.kind === 'created' && e.to) ? (
                        <span>{`${e.from ? `${labels[e.from] ?? e.from} → ` : ''}${labels[e.to ?? ''] ?? e.to ?? ''}`}</span>
                      ) : e.kind === 'priority' ? (
                        <span>{`${l(`tk.pr.${e.from}`)} → ${l(`tk.pr.${e.to}`)}`}</span>
                      ) : e.kind === 'assigned' ? (
                        <span>{`${e.from ? `${nameOf(Number(e.from))} → ` : ''}${nameOf(e.to == null ? null : Number(e.to))}`}</span>
                      ) : e.kind === 'note' ? (
                        <span class="pre">{String(e.data.text ?? '')}</span>
                      ) : e.kind === 'customer_file' && e.to ? (
                        <a href={e.to} target="_blank" rel="noopener" data-testid="tk-customer-file">
                          {String(e.data.title ?? '') || l('tk.ev.customerFileOpen')}
                        </a>
                      ) : (e.kind === 'merged_into' || e.kind === 'merged_from') && e.to ? (
                        ticketLink(e.to)
                      ) : e.to ? (
                        <span>{e.to}</span>
                      ) : null}
                      {e.publicText && <div class="small muted pre">{l('tk.ev.told', { text: e.publicText })}</div>}
                    </li>
                  ))}
                </ol>
              </section>
            </div>
            <div class="stack">
              <section class="card" data-testid="tk-moves">
                <h2>{l('tk.moves')}</h2>
                <input id="tk-move-note" placeholder={l('tk.moves.note')} maxLength={2000} />
                {tk.type === 'complaint' && (
                  <textarea id="tk-root-cause" data-testid="tk-root-cause" rows={3} maxLength={2000} placeholder={l('tk.moves.rootCause')}>
                    {tk.rootCause ?? ''}
                  </textarea>
                )}
                <div class="actions">
                  {moves.length === 0 ? (
                    <p class="muted">{l('tk.moves.none')}</p>
                  ) : (
                    moves.map((to) => (
                      <button type="button" data-act="move" data-to={to} data-testid={`tk-move-${to}`}>
                        {labels[to]}
                      </button>
                    ))
                  )}
                </div>
              </section>
              {tk.status !== 'closed' && (
                <section class="card" data-testid="tk-duplicates" data-number={tk.number}>
                  <h2>{l('tk.dup.title')}</h2>
                  {duplicates.length === 0 ? (
                    <p class="muted">{l('tk.dup.none')}</p>
                  ) : (
                    <ul>
                      {duplicates.map((d) => (
                        <li data-number={d.ticket.number}>
                          {ticketLink(d.ticket.number)} <span>{d.ticket.subject}</span>
                          <div class="muted small">{`${d.customerName} · ${channelLabel(l, d.ticket.channel)} · ${l(`tk.st.${d.ticket.status}`)} · ${l(`tk.dup.${d.reason}`)} · ${when(d.ticket.createdAt)}`}</div>
                          <button type="button" class="secondary" data-act="merge" data-from={d.ticket.number} data-testid={`tk-merge-${d.ticket.number}`}>
                            {l('tk.dup.merge')}
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              )}
              <section class="card">
                <label>
                  {l('tk.setPriority')}
                  <select id="tk-priority" data-testid="tk-priority">
                    {PRIORITIES.map((p) => (
                      <option value={p} selected={tk.priority === p}>
                        {l(`tk.pr.${p}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="button" data-act="priority" data-testid="tk-priority-save">
                  {l('tk.save')}
                </button>
                <label>
                  {l('tk.assignTo')}
                  <select id="tk-assignee" data-testid="tk-assignee">
                    {staff.map((s) => (
                      <option value={String(s.id)} selected={tk.assigneeId === s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="button" data-act="assign" data-testid="tk-assign">
                  {l('tk.save')}
                </button>
              </section>
              <section class="card">
                <h2>{l('tk.notes')}</h2>
                <ul data-testid="tk-notes">
                  {notes.map((n) => (
                    <li>
                      <span class="muted small">{`${when(n.at)} · ${n.actor.name ?? n.actor.id}`}</span>
                      <div class="pre">{String(n.data.text ?? '')}</div>
                    </li>
                  ))}
                </ul>
                <textarea id="tk-note-text" rows={3} placeholder={l('tk.notePlaceholder')} data-testid="tk-note-text"></textarea>
                <div class="form-actions">
                  <button type="button" data-act="note" data-testid="tk-note">
                    {l('tk.addNote')}
                  </button>
                </div>
              </section>
            </div>
          </div>
        </div>
      ),
    })
  })
}
