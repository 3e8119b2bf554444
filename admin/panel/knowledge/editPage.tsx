/** /admin/knowledge/new and /admin/knowledge/:id — the entry editor (read-only for agents). */
import type { Context, Hono } from 'hono'
import { requireRole } from '../../../bot/http/auth.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { listCategories } from '../../../knowledge/entries/categories.ts'
import type { Entry } from '../../../knowledge/entries/schema.ts'
import { readEntry } from '../../../knowledge/entries/store.ts'
import { canEdit, panelPage, t } from '../shell.tsx'
import { staffClock } from '../../../bot/timeZone.ts'
import { EntryForm } from './editForm.tsx'
import { listOwners } from './lookups.ts'
import { queryParam } from '../../../bot/http/json.ts'
import { describeRoute } from '../../../bot/http/api.ts'

export function editPage(app: Hono<AppEnv>) {
  // ?question=…&answer=… prefill a new entry (from the unanswered queue or an agent's reply).
  describeRoute(app, {
    method: 'get',
    path: '/admin/knowledge/new',
    role: 'supervisor',
    summary: 'Page: new knowledge entry',
    tag: 'pages',
    produces: 'text/html',
  })
  app.get('/admin/knowledge/new', requireRole('supervisor'), (c) =>
    render(c, null, { question: (queryParam(c, 'question') ?? '').slice(0, 500), answer: (queryParam(c, 'answer') ?? '').slice(0, 20000) }),
  )
  describeRoute(app, { method: 'get', path: '/admin/knowledge/:id', role: 'agent', summary: 'Page: a knowledge entry', tag: 'pages', produces: 'text/html' })
  app.get('/admin/knowledge/:id', requireRole('agent'), async (c) => {
    const entry = await readEntry(c.get('services').db, c.req.param('id'))
    if (!entry) {
      const locale = c.get('locale')
      return panelPage(c, {
        title: t(locale, 'edit.title'),
        path: '/admin/knowledge',
        status: 404,
        children: (
          <p class="card error" role="alert">
            {t(locale, 'kb.notFound')}
          </p>
        ),
      })
    }
    return render(c, entry)
  })
}

async function render(c: Context<AppEnv>, entry: Entry | null, prefill?: { question: string; answer: string }) {
  const locale = c.get('locale')
  const db = c.get('services').db
  const [categories, owners, when] = await Promise.all([listCategories({ db }), listOwners(db), staffClock(db)])
  const editable = canEdit(c)
  const title = t(locale, entry ? 'edit.title' : 'edit.titleNew')
  return panelPage(c, {
    title,
    path: '/admin/knowledge',
    scripts: ['entryEditor.js'],
    children: (
      <>
        <div class="panel-head">
          <h1>{title}</h1>
          {entry && (
            <div class="actions">
              <span class={`status ${entry.status}`} data-testid="entry-status">
                {t(locale, `status.${entry.status}`)}
              </span>
              <a class="button secondary" href={`/admin/knowledge/${encodeURIComponent(entry.id)}/history`}>
                {t(locale, 'edit.history')}
              </a>
              {editable && (
                <button type="button" class="danger" id="entry-delete" data-confirm-text={t(locale, 'edit.delete.confirm')}>
                  {t(locale, 'edit.delete')}
                </button>
              )}
            </div>
          )}
        </div>
        {entry && (
          <p class="muted small" data-testid="entry-meta">
            {t(locale, 'edit.meta', { id: entry.id, version: entry.version, by: entry.updatedBy ?? '—', at: when(entry.updatedAt) })}
          </p>
        )}
        {!editable && <p class="muted">{t(locale, 'kb.readonly')}</p>}
        <EntryForm locale={locale} entry={entry} prefill={prefill} categories={categories} owners={owners} editable={editable} />
      </>
    ),
  })
}
