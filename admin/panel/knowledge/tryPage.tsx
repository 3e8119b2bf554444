/** /admin/knowledge/try — 试一试: what the bot would decide for a message, and why. */
import type { Hono } from 'hono'
import { requireRole } from '../../../bot/http/auth.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { panelPage, t } from '../shell.tsx'
import { queryParam } from '../../../bot/http/json.ts'
import { describeRoute } from '../../../bot/http/api.ts'

export function tryPage(app: Hono<AppEnv>) {
  describeRoute(app, {
    method: 'get',
    path: '/admin/knowledge/try',
    role: 'agent',
    summary: 'Page: try a question against the knowledge base',
    tag: 'pages',
    produces: 'text/html',
  })
  app.get('/admin/knowledge/try', requireRole('agent'), (c) => {
    const locale = c.get('locale')
    const q = (queryParam(c, 'q') ?? '').slice(0, 2000)
    return panelPage(c, {
      title: t(locale, 'try.title'),
      path: '/admin/knowledge/try',
      scripts: ['knowledgeTry.js'],
      children: (
        <>
          <h1>{t(locale, 'try.title')}</h1>
          <p class="muted">{t(locale, 'try.intro')}</p>
          <form id="try-form" class="card try-form" data-testid="try-form">
            <label class="grow">
              {t(locale, 'try.text')}
              <input name="text" required maxlength={2000} value={q} autofocus autocomplete="off" />
            </label>
            <button type="submit">{t(locale, 'try.submit')}</button>
          </form>
          <div id="try-error" class="error" role="alert" hidden></div>
          <section id="try-result" aria-live="polite" data-testid="try-result"></section>
        </>
      ),
    })
  })
}
