/** /admin/knowledge/import — upload a file, read the dry-run report line by line, then import. */
import type { Hono } from 'hono'
import { requireRole } from '../../../bot/http/auth.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { panelPage, t } from '../shell.tsx'
import { describeRoute } from '../../../bot/http/api.ts'

export function importPage(app: Hono<AppEnv>) {
  describeRoute(app, {
    method: 'get',
    path: '/admin/knowledge/import',
    role: 'supervisor',
    summary: 'Page: import knowledge',
    tag: 'pages',
    produces: 'text/html',
  })
  app.get('/admin/knowledge/import', requireRole('supervisor'), (c) => {
    const locale = c.get('locale')
    return panelPage(c, {
      title: t(locale, 'import.title'),
      path: '/admin/knowledge',
      scripts: ['knowledgeImport.js'],
      children: (
        <>
          <h1>{t(locale, 'import.title')}</h1>
          <p class="muted">{t(locale, 'import.intro')}</p>
          <p data-testid="import-template">
            {t(locale, 'import.template')}
            {(['xlsx', 'csv'] as const).map((f) => (
              <>
                {' '}
                <a class="button secondary" href={`/api/v1/kb/import/template?format=${f}`} download data-testid={`template-${f}`}>
                  {f.toUpperCase()}
                </a>
              </>
            ))}
          </p>
          <form id="import-form" class="card import-form" data-testid="import-form">
            <label>
              {t(locale, 'import.file')}
              <input type="file" name="file" required accept=".csv,.xlsx,.jsonl,.ndjson,.json,.md,.markdown,.txt" />
            </label>
            <label>
              {t(locale, 'import.status')}
              <select name="status">
                <option value="published">{t(locale, 'status.published')}</option>
                <option value="draft">{t(locale, 'status.draft')}</option>
              </select>
            </label>
            <button type="submit" data-testid="import-preview">
              {t(locale, 'import.preview')}
            </button>
          </form>
          <div id="import-error" class="error" role="alert" hidden></div>
          <section id="import-report" aria-live="polite" data-testid="import-report"></section>
          <p class="muted">
            {t(locale, 'import.export')}
            {(['csv', 'xlsx', 'jsonl'] as const).map((f) => (
              <>
                {' '}
                <a href={`/api/v1/kb/export?format=${f}`} download>
                  {f.toUpperCase()}
                </a>
              </>
            ))}
          </p>
        </>
      ),
    })
  })
}
