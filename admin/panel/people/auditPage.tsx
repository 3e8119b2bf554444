/** /admin/audit (admins): 服务留痕 — who did what to which thing, and when; searchable, newest first. */
import type { Hono } from 'hono'
import { requireRole } from '../../../bot/http/auth.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { Pager, panelPage, t } from '../shell.tsx'
import { staffClock } from '../../../bot/timeZone.ts'
import { AUDIT_PAGE, auditQuery, searchAudit, type AuditQuery } from './audit.ts'
import { queryParams } from '../../../bot/http/json.ts'
import { actionText, actorText, detailPairs, staffIdsIn, subjectText } from './auditText.ts'
import { describeRoute } from '../../../bot/http/api.ts'

/** Where a subject can be looked at, when the panel has a page for it. */
function subjectHref(type: string, id: string | null): string | null {
  if (!id) return null
  if (type === 'conversation') return `/admin/dashboard/conversations/${encodeURIComponent(id)}`
  if (type === 'kb_entry') return `/admin/knowledge/${encodeURIComponent(id)}`
  return null
}

const pageLink = (q: AuditQuery, page: number) => {
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries({ ...q, page })) if (v !== undefined && v !== null && v !== '' && !(k === 'page' && v === 1)) qs.set(k, String(v))
  return `/admin/audit?${qs}`
}

export function auditPage(app: Hono<AppEnv>) {
  describeRoute(app, { method: 'get', path: '/admin/audit', role: 'admin', summary: 'Page: the audit trail', tag: 'pages', produces: 'text/html' })
  app.get('/admin/audit', requireRole('admin'), async (c) => {
    const locale = c.get('locale')
    const l = (k: string, v?: Record<string, string | number>) => t(locale, k, v)
    const parsed = auditQuery.safeParse(queryParams(c))
    const q: AuditQuery = parsed.success ? parsed.data : { page: 1 }
    const db = c.get('services').db
    const when = await staffClock(db)
    const { total, rows } = await searchAudit(db, q)
    const ids = staffIdsIn(rows)
    const names = new Map(
      ids.length
        ? (await db.query<{ id: string; display_name: string }>('select id, display_name from staff_users where id = any($1)', [ids])).rows.map((r) => [
            String(r.id),
            r.display_name,
          ])
        : [],
    )
    const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE))
    return panelPage(c, {
      title: l('audit.title'),
      path: '/admin/audit',
      styles: ['panel-reports.css'],
      children: (
        <>
          <h1>{l('audit.title')}</h1>
          <p class="muted">{l('audit.intro')}</p>
          {/* biome-ignore lint/a11y/useSemanticElements: a GET form with role="search" is the ARIA landmark pattern; the form itself is what submits the filters */}
          <form method="get" action="/admin/audit" class="card filters" role="search" data-testid="audit-filters">
            <label>
              {l('audit.actor')}
              <input name="actor" value={q.actor ?? ''} maxlength={100} placeholder={l('audit.actor.hint')} />
            </label>
            <label>
              {l('audit.action')}
              <input name="action" value={q.action ?? ''} maxlength={100} placeholder="staff.role_changed" />
            </label>
            <label>
              {l('audit.subject')}
              <input name="subject" value={q.subject ?? ''} maxlength={200} placeholder="conversation:12" />
            </label>
            <label>
              {l('dash.from')}
              <input type="date" name="from" value={q.from ?? ''} />
            </label>
            <label>
              {l('dash.to')}
              <input type="date" name="to" value={q.to ?? ''} />
            </label>
            <div class="filter-buttons">
              <button type="submit">{l('kb.filter.apply')}</button>
              <a href="/admin/audit" class="button secondary">
                {l('kb.filter.clear')}
              </a>
            </div>
          </form>
          {!parsed.success && (
            <p class="error" role="alert">
              {l('audit.badDates')}
            </p>
          )}
          <p class="muted" data-testid="audit-total">
            {l('audit.total', { n: total })}
          </p>
          {rows.length === 0 ? (
            <p class="card muted">{l('dash.none')}</p>
          ) : (
            <div class="table-wrap card">
              <table data-testid="audit-list">
                <thead>
                  <tr>
                    <th>{l('audit.at')}</th>
                    <th>{l('audit.actor')}</th>
                    <th>{l('audit.action')}</th>
                    <th>{l('audit.subject')}</th>
                    <th>{l('audit.data')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const href = subjectHref(r.subjectType, r.subjectId)
                    const subject = subjectText(locale, r.subjectType, r.subjectId)
                    const details = detailPairs(locale, r.data, names)
                    return (
                      <tr data-action={r.action}>
                        <td class="nowrap">{when(r.at)}</td>
                        <td>{actorText(locale, r)}</td>
                        <td title={r.action} data-testid="audit-action">
                          {actionText(locale, r.action)}
                        </td>
                        <td>{href ? <a href={href}>{subject}</a> : subject}</td>
                        <td class="small audit-details" data-testid="audit-details">
                          {details.length > 0 && (
                            <dl class="pairs">
                              {details.map(([k, v]) => (
                                <>
                                  <dt>{k}</dt>
                                  <dd>{v}</dd>
                                </>
                              ))}
                            </dl>
                          )}
                          {details.length > 0 && (
                            <details>
                              <summary class="muted">{l('audit.raw')}</summary>
                              <code>{JSON.stringify(r.data).slice(0, 2000)}</code>
                            </details>
                          )}
                        </td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && <Pager page={q.page} pages={pages} href={(page) => pageLink(q, page)} prev={l('kb.prev')} next={l('kb.next')} />}
        </>
      ),
    })
  })
}
