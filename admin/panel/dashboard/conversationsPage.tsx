/**
 * /admin/dashboard/conversations?show=…&from&to&channel — the conversations behind a
 * dashboard figure — and /admin/dashboard/conversations/:id, a read-only transcript
 * (internal notes included, marked), so a supervisor can read without taking the chat.
 */
import type { Hono } from 'hono'
import { requireRole } from '../../../bot/http/auth.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { Pager, panelPage, t } from '../shell.tsx'
import { staffClock } from '../../../bot/timeZone.ts'
import { PeriodForm } from './dashboardPage.tsx'
import { argOf, listQuery, listSet, PAGE } from './conversationSets.ts'
import { periodLink, periodQuery, resolvePeriod } from './period.ts'
import { queryParams } from '../../../bot/http/json.ts'
import { describeRoute } from '../../../bot/http/api.ts'

export function conversationsPage(app: Hono<AppEnv>) {
  describeRoute(app, {
    method: 'get',
    path: '/admin/dashboard/conversations',
    role: 'supervisor',
    summary: "Page: the dashboard's conversation list",
    tag: 'pages',
    produces: 'text/html',
  })
  app.get('/admin/dashboard/conversations', requireRole('supervisor'), async (c) => {
    const locale = c.get('locale')
    const l = (k: string, v?: Record<string, string | number>) => t(locale, k, v)
    const { db, clock } = c.get('services')
    const when = await staffClock(db)
    const p = await resolvePeriod(db, periodQuery.catch({}).parse(queryParams(c)), clock.now())
    const q = listQuery.parse(queryParams(c))
    // An explicit id list (from the unanswered queue) is not limited to the period.
    const range = q.show === 'ids' ? { from: new Date(0), to: new Date('9999-01-01'), channel: p.channel } : p
    const { total, rows } = await listSet(db, q.show, range, argOf(q), q.page)
    const pages = Math.max(1, Math.ceil(total / PAGE))
    const keep = { show: q.show, ...(q.entry ? { entry: q.entry } : {}), ...(q.ids ? { ids: q.ids } : {}) }
    return panelPage(c, {
      title: l('conv.title'),
      path: '/admin/dashboard',
      styles: ['panel-reports.css'],
      children: (
        <>
          <div class="panel-head">
            <h1>{l('conv.title')}</h1>
            <a class="button secondary" href={periodLink('/admin/dashboard', p)}>
              {l('conv.back')}
            </a>
          </div>
          <p class="muted" data-testid="conv-filter">
            {l(`conv.show.${q.show}`, { entry: q.entry ?? '' })}
          </p>
          <PeriodForm locale={locale} p={p} action="/admin/dashboard/conversations" />
          <p class="muted" data-testid="conv-total">
            {l('conv.total', { n: total })}
          </p>
          {rows.length === 0 ? (
            <p class="card muted">{l('dash.none')}</p>
          ) : (
            <div class="table-wrap card">
              <table data-testid="conv-list">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>{l('conv.started')}</th>
                    <th>{l('dash.channel')}</th>
                    <th>{l('conv.customer')}</th>
                    <th>{l('conv.status')}</th>
                    <th>{l('conv.last')}</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr>
                      <td>
                        <a href={`/admin/dashboard/conversations/${r.id}`}>{String(r.id)}</a>
                      </td>
                      <td class="nowrap">{when(r.createdAt)}</td>
                      <td>{l(`panel.ch.${r.channel === 'wechaty' ? 'wechat' : r.channel}`)}</td>
                      <td>{r.customer}</td>
                      <td>{l(`conv.st.${r.status}`)}</td>
                      <td class="clip">{r.lastText}</td>
                      <td class="nowrap">
                        <a href={`/admin/dashboard/conversations/${r.id}`}>{l('conv.read')}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && (
            <Pager
              page={q.page}
              pages={pages}
              href={(page) => periodLink('/admin/dashboard/conversations', p, { ...keep, page })}
              prev={l('kb.prev')}
              next={l('kb.next')}
            />
          )}
        </>
      ),
    })
  })

  describeRoute(app, {
    method: 'get',
    path: '/admin/dashboard/conversations/:id{[0-9]+}',
    role: 'supervisor',
    summary: 'Page: one conversation, read-only',
    tag: 'pages',
    produces: 'text/html',
  })
  app.get('/admin/dashboard/conversations/:id{[0-9]+}', requireRole('supervisor'), async (c) => {
    const locale = c.get('locale')
    const l = (k: string, v?: Record<string, string | number>) => t(locale, k, v)
    const db = c.get('services').db
    const when = await staffClock(db)
    const id = Number(c.req.param('id'))
    const conv = (
      await db.query<any>('select c.*, coalesce(cu.name, cu.id) as customer from conversations c join customers cu on cu.id = c.customer_id where c.id = $1', [
        id,
      ])
    ).rows[0]
    if (!conv)
      return panelPage(c, {
        title: l('conv.title'),
        path: '/admin/dashboard',
        status: 404,
        children: (
          <p class="card error" role="alert">
            {l('conv.notFound')}
          </p>
        ),
      })
    const msgs = await db.query<any>(
      `select m.*, u.display_name as agent from messages m left join staff_users u on m.sender_type = 'agent' and u.id::text = m.sender_id
        where m.conversation_id = $1 order by m.id`,
      [id],
    )
    return panelPage(c, {
      title: l('conv.transcript', { id }),
      path: '/admin/dashboard',
      styles: ['panel-reports.css'],
      children: (
        <>
          <div class="panel-head">
            <h1>{l('conv.transcript', { id })}</h1>
            <a class="button secondary" href="/admin/inbox">
              {l('conv.console')}
            </a>
          </div>
          <p class="muted">{`${conv.customer} · ${l(`panel.ch.${conv.channel === 'wechaty' ? 'wechat' : conv.channel}`)} · ${l(`conv.st.${conv.status}`)} · ${when(conv.created_at)}`}</p>
          <ol class="transcript card" data-testid="transcript">
            {msgs.rows.map((m) => (
              <li class={`msg ${m.sender_type}${m.is_private ? ' private' : ''}`} data-kind={m.kind ?? ''}>
                <span class="muted small">{`${when(m.created_at)} · ${m.sender_type === 'agent' ? (m.agent ?? l('conv.agent')) : l(`conv.from.${m.sender_type}`)}${m.kind && m.sender_type === 'bot' ? ` · ${m.kind}` : ''}${m.kb_entry_id ? ` · ${m.kb_entry_id}` : ''}${m.is_private ? ` · ${l('conv.private')}` : ''}`}</span>
                <div class="bubble">{m.text}</div>
              </li>
            ))}
          </ol>
        </>
      ),
    })
  })
}
