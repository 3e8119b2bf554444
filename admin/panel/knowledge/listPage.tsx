/**
 * /admin/knowledge — every entry, searchable, filterable (category, tag, status, owner) and
 * sortable; editors tick rows (or the whole page) for a bulk action (bulkBar.tsx).
 */
import type { Hono } from 'hono'
import { requireRole } from '../../../bot/http/auth.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { listCategories } from '../../../knowledge/entries/categories.ts'
import { canEdit, Pager, panelPage, t } from '../shell.tsx'
import { staffClock } from '../../../bot/timeZone.ts'
import { BulkBar } from './bulkBar.tsx'
import { listOwners, listTags } from './lookups.ts'
import { listParams, PAGE_SIZE, queryEntries, type SORTS, withParam } from './listQuery.ts'
import { queryParams } from '../../../bot/http/json.ts'
import { describeRoute } from '../../../bot/http/api.ts'

export function listPage(app: Hono<AppEnv>) {
  describeRoute(app, { method: 'get', path: '/admin/knowledge', role: 'agent', summary: 'Page: the knowledge base', tag: 'pages', produces: 'text/html' })
  app.get('/admin/knowledge', requireRole('agent'), async (c) => {
    const locale = c.get('locale')
    const db = c.get('services').db
    const when = await staffClock(db)
    const p = listParams.parse(queryParams(c))
    const [{ items, total }, cats, tags, owners] = await Promise.all([queryEntries(db, p), listCategories({ db }), listTags(db), listOwners(db)])
    const ownerName = new Map(owners.map((o) => [o.id, o.name]))
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
    const editor = canEdit(c)
    const head = (col: (typeof SORTS)[number], label: string) => {
      const active = p.sort === col
      const dir = active && p.dir === 'asc' ? 'desc' : 'asc'
      return (
        <th aria-sort={active ? (p.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
          <a href={withParam(p, { sort: col, dir, page: 1 })}>{`${label}${active ? (p.dir === 'asc' ? ' ▲' : ' ▼') : ''}`}</a>
        </th>
      )
    }
    return panelPage(c, {
      title: t(locale, 'kb.title'),
      path: '/admin/knowledge',
      scripts: editor ? ['knowledgeList.js'] : [],
      children: (
        <>
          <div class="panel-head">
            <h1>{t(locale, 'kb.title')}</h1>
            <div class="actions">
              {canEdit(c) && (
                <a class="button" href="/admin/knowledge/new" data-testid="kb-new">
                  {t(locale, 'kb.new')}
                </a>
              )}
              <a class="button secondary" href="/admin/knowledge/try">
                {t(locale, 'nav.try')}
              </a>
              {canEdit(c) && (
                <a class="button secondary" href="/admin/knowledge/unanswered">
                  {t(locale, 'un.title')}
                </a>
              )}
              {canEdit(c) && (
                <a class="button secondary" href="/admin/knowledge/import">
                  {t(locale, 'kb.import')}
                </a>
              )}
              <a class="button secondary" href="/admin/knowledge/taxonomy">
                {t(locale, 'kb.taxonomy')}
              </a>
            </div>
          </div>
          {!canEdit(c) && <p class="muted">{t(locale, 'kb.readonly')}</p>}
          {/* biome-ignore lint/a11y/useSemanticElements: a GET form with role="search" is the ARIA landmark pattern; the form itself is what submits the filters */}
          <form method="get" action="/admin/knowledge" class="card filters" role="search" data-testid="kb-filters">
            <label class="grow">
              {t(locale, 'kb.filter.q')}
              <input type="search" name="q" value={p.q ?? ''} maxlength={200} />
            </label>
            <Select
              name="category"
              label={t(locale, 'kb.filter.category')}
              any={t(locale, 'kb.filter.any')}
              value={p.category}
              options={cats.map((x) => ({ value: x.name, label: x.path.join(' / ') }))}
            />
            <Select
              name="tag"
              label={t(locale, 'kb.filter.tag')}
              any={t(locale, 'kb.filter.any')}
              value={p.tag}
              options={tags.map((x) => ({ value: x, label: x }))}
            />
            <Select
              name="status"
              label={t(locale, 'kb.filter.status')}
              any={t(locale, 'kb.filter.any')}
              value={p.status}
              options={(['published', 'draft'] as const).map((s) => ({ value: s, label: t(locale, `status.${s}`) }))}
            />
            <Select
              name="owner"
              label={t(locale, 'kb.filter.owner')}
              any={t(locale, 'kb.filter.any')}
              value={p.owner ? String(p.owner) : undefined}
              options={owners.map((o) => ({ value: String(o.id), label: o.name }))}
            />
            <input type="hidden" name="sort" value={p.sort} />
            <input type="hidden" name="dir" value={p.dir} />
            <div class="filter-buttons">
              <button type="submit">{t(locale, 'kb.filter.apply')}</button>
              <a href="/admin/knowledge" class="button secondary">
                {t(locale, 'kb.filter.clear')}
              </a>
            </div>
          </form>
          <p class="muted" data-testid="kb-total">
            {t(locale, 'kb.total', { n: total })} · {t(locale, 'kb.export')}{' '}
            {(['csv', 'xlsx', 'jsonl'] as const).map((f) => (
              <>
                {' '}
                <a href={`/api/v1/kb/export?format=${f}`}>{f.toUpperCase()}</a>
              </>
            ))}
          </p>
          {items.length === 0 ? (
            <p class="card muted">{t(locale, 'kb.empty')}</p>
          ) : (
            <>
              {editor && <BulkBar locale={locale} categories={cats} tags={tags} />}
              <div class="table-wrap card">
                <table data-testid="kb-list">
                  <thead>
                    <tr>
                      {editor && (
                        <th class="pick">
                          <input type="checkbox" id="kb-all" aria-label={t(locale, 'kb.bulk.all')} data-testid="kb-all" />
                        </th>
                      )}
                      {head('question', t(locale, 'kb.col.question'))}
                      {head('category', t(locale, 'kb.col.category'))}
                      <th>{t(locale, 'kb.col.tags')}</th>
                      {head('status', t(locale, 'kb.col.status'))}
                      <th>{t(locale, 'kb.col.owner')}</th>
                      {head('updated', t(locale, 'kb.col.updated'))}
                      {head('version', t(locale, 'kb.col.version'))}
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((e) => (
                      <tr>
                        {editor && (
                          <td class="pick">
                            <input
                              type="checkbox"
                              class="kb-pick"
                              value={e.id}
                              data-version={String(e.version)}
                              aria-label={t(locale, 'kb.bulk.pick', { q: e.question })}
                            />
                          </td>
                        )}
                        <td>
                          <a href={`/admin/knowledge/${encodeURIComponent(e.id)}`}>{e.question}</a>
                          <div class="muted small">{`${e.id} · ${t(locale, 'kb.similarCount', { n: e.similarQuestions.length })}`}</div>
                        </td>
                        <td>{e.categoryPath.join(' / ')}</td>
                        <td>
                          {e.tags.map((x) => (
                            <span class="tag">{x}</span>
                          ))}
                        </td>
                        <td>
                          <span class={`status ${e.status}`}>{t(locale, `status.${e.status}`)}</span>
                        </td>
                        <td>{e.ownerId ? (ownerName.get(e.ownerId) ?? `#${e.ownerId}`) : ''}</td>
                        <td class="nowrap">{when(e.updatedAt)}</td>
                        <td>{e.version}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {pages > 1 && <Pager page={p.page} pages={pages} href={(page) => withParam(p, { page })} prev={t(locale, 'kb.prev')} next={t(locale, 'kb.next')} />}
        </>
      ),
    })
  })
}

function Select(props: { name: string; label: string; any: string; value?: string; options: { value: string; label: string }[] }) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">{props.any}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  )
}
