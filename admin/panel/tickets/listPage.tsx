/**
 * /admin/tickets — the ticket console's list (agents and up): filters on status, type,
 * priority, owner, assignee, SLA state, channel and creation dates; each row links to its
 * detail; checkboxes and an agent picker assign many at once (through the ticket API).
 */
import type { Hono } from 'hono'
import { requireRole } from '../../../bot/http/auth.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { PRIORITIES, STATUSES, TICKET_TYPES } from '../../../bot/tickets/types.ts'
import { panelPage, t } from '../shell.tsx'
import { staffClock } from '../../../bot/timeZone.ts'
import { LIST_MAX, listConsoleTickets, SLA_STATES, slaState, staffChoices, ticketChannels, ticketFilters } from './query.ts'
import { queryParams } from '../../../bot/http/json.ts'
import { describeRoute } from '../../../bot/http/api.ts'

export const channelLabel = (l: (k: string) => string, ch: string | null) => (ch ? l(`panel.ch.${ch === 'wechaty' ? 'wechat' : ch}`) : l('tk.ch.none'))

export function ticketListPage(app: Hono<AppEnv>) {
  describeRoute(app, { method: 'get', path: '/admin/tickets', role: 'agent', summary: 'Page: tickets', tag: 'pages', produces: 'text/html' })
  app.get('/admin/tickets', requireRole('agent'), async (c) => {
    const locale = c.get('locale')
    const l = (k: string, v?: Record<string, string | number>) => t(locale, k, v)
    const db = c.get('services').db
    const when = await staffClock(db)
    const f = ticketFilters.parse(queryParams(c))
    const [{ total, rows }, staff, channels] = await Promise.all([listConsoleTickets(db, f), staffChoices(db), ticketChannels(db)])
    const sel = (name: string, prefix: string, values: readonly string[], current?: string) => (
      <label>
        {l(`tk.f.${name}`)}
        <select name={name} data-testid={`tk-f-${name}`}>
          <option value="">{l('tk.f.any')}</option>
          {values.map((v) => (
            <option value={v} selected={current === v}>
              {l(`${prefix}${v}`)}
            </option>
          ))}
        </select>
      </label>
    )
    const person = (name: 'owner' | 'assignee', current?: number) => (
      <label>
        {l(`tk.f.${name}`)}
        <select name={name} data-testid={`tk-f-${name}`}>
          <option value="">{l('tk.f.any')}</option>
          {staff.map((s) => (
            <option value={String(s.id)} selected={current === s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
    )
    return panelPage(c, {
      title: l('tk.title'),
      path: '/admin/tickets',
      scripts: ['tickets.js'],
      children: (
        <>
          <div class="panel-head">
            <h1>{l('tk.title')}</h1>
          </div>
          <form class="filters card" method="get" action="/admin/tickets" data-testid="tk-filters">
            {sel('status', 'tk.st.', STATUSES, f.status)}
            {sel('type', 'tk.type.', TICKET_TYPES, f.type)}
            {sel('priority', 'tk.pr.', PRIORITIES, f.priority)}
            {person('owner', f.owner)}
            {person('assignee', f.assignee)}
            {sel('sla', 'tk.sla.', SLA_STATES, f.sla)}
            <label>
              {l('tk.f.channel')}
              <select name="channel">
                <option value="">{l('tk.f.any')}</option>
                {[...channels, 'none'].map((ch) => (
                  <option value={ch} selected={f.channel === ch}>
                    {channelLabel(l, ch === 'none' ? null : ch)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {l('tk.f.from')}
              <input type="date" name="from" value={f.from ?? ''} />
            </label>
            <label>
              {l('tk.f.to')}
              <input type="date" name="to" value={f.to ?? ''} />
            </label>
            <div class="filter-buttons">
              <button type="submit" data-testid="tk-apply">
                {l('tk.f.apply')}
              </button>
              <a class="button secondary" href="/admin/tickets">
                {l('tk.f.clear')}
              </a>
            </div>
          </form>
          <p class="muted" data-testid="tk-total">
            {l('tk.total', { n: total, max: LIST_MAX })}
          </p>
          <div class="row card" data-testid="tk-bulk">
            <label>
              {l('tk.bulk.pick')}
              <select id="tk-bulk-agent" data-testid="tk-bulk-agent">
                <option value="">—</option>
                {staff.map((s) => (
                  <option value={String(s.id)}>{s.name}</option>
                ))}
              </select>
            </label>
            <button type="button" id="tk-bulk-assign" data-testid="tk-bulk-assign">
              {l('tk.bulk.assign')}
            </button>
          </div>
          <p id="tk-status" class="notice" role="status" hidden></p>
          <p id="tk-error" class="error" role="alert" hidden></p>
          {rows.length === 0 ? (
            <p class="card muted">{l('tk.empty')}</p>
          ) : (
            <div class="table-wrap card">
              <table data-testid="tk-list">
                <thead>
                  <tr>
                    <th>
                      <input type="checkbox" id="tk-all" aria-label={l('tk.selectAll')} />
                    </th>
                    <th>{l('tk.col.number')}</th>
                    <th>{l('tk.col.subject')}</th>
                    <th>{l('tk.f.type')}</th>
                    <th>{l('tk.f.status')}</th>
                    <th>{l('tk.f.priority')}</th>
                    <th>{l('tk.col.customer')}</th>
                    <th>{l('tk.f.owner')}</th>
                    <th>{l('tk.f.assignee')}</th>
                    <th>{l('tk.f.sla')}</th>
                    <th>{l('tk.f.channel')}</th>
                    <th>{l('tk.col.created')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr data-number={r.number} data-status={r.status}>
                      <td>
                        <input type="checkbox" class="tk-pick" value={r.number} aria-label={r.number} />
                      </td>
                      <td class="nowrap">
                        <a href={`/admin/tickets/${r.number}`}>{r.number}</a>
                      </td>
                      <td class="clip">{r.subject}</td>
                      <td>{l(`tk.type.${r.type}`)}</td>
                      <td class="nowrap" data-col="status">
                        {l(`tk.st.${r.status}`)}
                      </td>
                      <td>{l(`tk.pr.${r.priority}`)}</td>
                      <td>{r.customer}</td>
                      <td>{r.owner_name ?? l('tk.nobody')}</td>
                      <td data-col="assignee">{r.assignee_name ?? l('tk.nobody')}</td>
                      <td data-col="sla">{l(`tk.sla.${slaState(r)}`)}</td>
                      <td>{channelLabel(l, r.channel)}</td>
                      <td class="nowrap">{when(r.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ),
    })
  })
}
