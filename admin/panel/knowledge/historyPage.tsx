/** /admin/knowledge/:id/history — every version with what changed, and restore (as a new version). */
import type { Hono } from 'hono'
import { requireRole } from '../../../bot/http/auth.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { readEntry } from '../../../knowledge/entries/store.ts'
import { listVersions } from '../../../knowledge/entries/versions.ts'
import { canEdit, panelPage, t } from '../shell.tsx'
import { staffClock } from '../../../bot/timeZone.ts'
import { diffSnapshots, type FieldChange } from './diff.ts'
import { describeRoute } from '../../../bot/http/api.ts'

export function historyPage(app: Hono<AppEnv>) {
  describeRoute(app, {
    method: 'get',
    path: '/admin/knowledge/:id/history',
    role: 'agent',
    summary: "Page: a knowledge entry's versions",
    tag: 'pages',
    produces: 'text/html',
  })
  app.get('/admin/knowledge/:id/history', requireRole('agent'), async (c) => {
    const locale = c.get('locale')
    const db = c.get('services').db
    const when = await staffClock(db)
    const entry = await readEntry(db, c.req.param('id'))
    if (!entry)
      return panelPage(c, {
        title: t(locale, 'edit.history'),
        path: '/admin/knowledge',
        status: 404,
        children: (
          <p class="card error" role="alert">
            {t(locale, 'kb.notFound')}
          </p>
        ),
      })
    const versions = await listVersions({ db }, entry.id)
    const editable = canEdit(c)
    const href = `/admin/knowledge/${encodeURIComponent(entry.id)}`
    return panelPage(c, {
      title: t(locale, 'edit.history'),
      path: '/admin/knowledge',
      scripts: ['knowledgeHistory.js'],
      children: (
        <>
          <div class="panel-head">
            <h1>{t(locale, 'history.title', { q: entry.question })}</h1>
            <a class="button secondary" href={href}>
              {t(locale, 'history.back')}
            </a>
          </div>
          <div id="history-error" class="error" role="alert" hidden></div>
          <ol class="versions" data-testid="versions" data-id={entry.id} data-version={String(entry.version)}>
            {versions.map((v, i) => {
              const older = versions[i + 1]
              const changes = diffSnapshots(older ? older.snapshot : null, v.snapshot)
              return (
                <li class="card" data-version={String(v.version)}>
                  <div class="panel-head">
                    <h2>
                      {t(locale, 'history.version', { v: v.version })}
                      {v.version === entry.version && <span class="tag">{t(locale, 'history.current')}</span>}
                    </h2>
                    <span class="muted">{t(locale, 'history.by', { by: v.changedBy ?? '—', at: when(v.changedAt) })}</span>
                    {editable && v.version !== entry.version && (
                      <button
                        type="button"
                        class="secondary"
                        data-restore={String(v.version)}
                        data-confirm-text={t(locale, 'history.restore.confirm', { v: v.version })}
                      >
                        {t(locale, 'history.restore')}
                      </button>
                    )}
                  </div>
                  {!older && <p class="muted">{t(locale, 'history.first')}</p>}
                  {older && changes.length === 0 && <p class="muted">{t(locale, 'history.noChange')}</p>}
                  {older && changes.length > 0 && <Changes changes={changes} label={(f) => t(locale, `field.${f}`)} />}
                </li>
              )
            })}
          </ol>
        </>
      ),
    })
  })
}

function Changes({ changes, label }: { changes: FieldChange[]; label: (field: string) => string }) {
  return (
    <dl class="diff">
      {changes.map((ch) => (
        <>
          <dt>{label(ch.field)}</dt>
          <dd class="pre">
            {ch.segments.map((s) => (s.kind === 'same' ? <span>{s.text}</span> : s.kind === 'ins' ? <ins>{s.text}</ins> : <del>{s.text}</del>))}
          </dd>
        </>
      ))}
    </dl>
  )
}
