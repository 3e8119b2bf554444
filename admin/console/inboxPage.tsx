/**
 * /admin/inbox — the agent console: the conversation list on the left, the open
 * conversation on the right. The server renders the frame; console/browser/console.ts fills
 * it from the JSON API and keeps it live over the event stream.
 */
import type { Hono, MiddlewareHandler } from 'hono'
import { requireRole } from '../../bot/http/auth.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { staffAsset } from '../assets.ts'
import { t } from '../ui/i18n.ts'
import { Page } from '../ui/layout.tsx'
import { pageUser } from '../ui/pages.tsx'
import { clientStrings } from './messages.ts'
import { describeRoute } from '../../bot/http/api.ts'

/** A page answers an anonymous visitor with the login form, whatever order modules mount in. */
export const loginFirst: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('actor')) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303)
  await next()
}

export function inboxPage(app: Hono<AppEnv>) {
  describeRoute(app, { method: 'get', path: '/admin/inbox', role: 'agent', summary: "Page: the agent console's inbox", tag: 'pages', produces: 'text/html' })
  app.get('/admin/inbox', loginFirst, requireRole('agent'), (c) => {
    const locale = c.get('locale')
    const user = pageUser(c)
    const actor = c.get('actor')!
    const supervisor = user.role !== 'agent'
    const views = supervisor ? ['queue', 'mine', 'all'] : ['queue', 'mine']
    return c.html(
      <Page title={t(locale, 'console.title')} locale={locale} user={user} path="/admin/inbox">
        <link rel="stylesheet" href={staffAsset('console.css')} />
        <link rel="stylesheet" href={staffAsset('console-side.css')} />
        <div
          id="console"
          class="console"
          data-me={String(actor.type === 'user' ? actor.id : 0)}
          data-role={user.role}
          data-locale={locale}
          data-strings={JSON.stringify(clientStrings(locale))}
        >
          <aside class="inbox" aria-label={t(locale, 'console.title')}>
            <div id="inbox-tools" class="inbox-tools"></div>
            <label class="presence">
              {t(locale, 'console.presence')}
              <select id="presence" data-testid="presence">
                {(['online', 'away', 'offline'] as const).map((s) => (
                  <option value={s}>{t(locale, `console.presence.${s}`)}</option>
                ))}
              </select>
            </label>
            <div class="tabs" role="tablist">
              {views.map((v, i) => (
                <button type="button" role="tab" class="tab" data-view={v} aria-selected={i === 0 ? 'true' : 'false'} data-testid={`tab-${v}`}>
                  {t(locale, `console.view.${v}`)} <span class="count" data-count={v}></span>
                </button>
              ))}
            </div>
            <p id="link-state" class="error" role="status" hidden>
              {t(locale, 'console.offline')}
            </p>
            <div id="console-alerts" class="console-alerts" data-testid="console-alerts" hidden></div>
            <ul id="conv-list" class="conv-list" data-testid="conv-list"></ul>
          </aside>
          <section id="conv-view" class="conv-view" data-testid="conv-view" aria-live="polite">
            <p class="muted pick">{t(locale, 'console.pick')}</p>
          </section>
        </div>
        <script type="module" src={staffAsset('console.js')}></script>
      </Page>,
    )
  })
}
