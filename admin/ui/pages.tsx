/** The shell's own pages: login and the overview every staff member lands on. */
import type { Context, Hono } from 'hono'
import { requireRole } from '../../bot/http/auth.ts'
import { safeNext } from '../../bot/http/safeNext.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import type { Services } from '../../bot/context.ts'
import { waitingSummary } from '../console/alertsQuery.ts'
import { t } from './i18n.ts'
import { Page, type PageUser } from './layout.tsx'
import { navFor } from './nav.ts'
import { describeRoute } from '../../bot/http/api.ts'

/** The logged-in user as the layout needs it (only call behind requireRole). */
export function pageUser(c: Context<AppEnv>): PageUser {
  const actor = c.get('actor')
  const session = c.get('session')
  const role = actor && 'role' in actor ? actor.role : 'agent'
  return {
    displayName: session?.displayName ?? (actor && 'name' in actor ? actor.name : 'api'),
    role,
    csrfToken: session?.csrfToken ?? '',
    nav: navFor(c.get('nav') ?? [], role),
  }
}

export function shellPages(app: Hono<AppEnv>, services: Services) {
  describeRoute(app, { method: 'get', path: '/login', role: 'public', summary: 'The login page', tag: 'pages', produces: 'text/html' })
  app.get('/login', (c) => {
    const locale = c.get('locale')
    if (c.get('session')) return c.redirect('/admin', 303)
    const error = c.req.query('error')
    // Checked here too, so the form never carries another site's address.
    const next = safeNext(c.req.query('next'))
    return c.html(
      <Page title={t(locale, 'login.title')} locale={locale}>
        <form method="post" action="/login" class="card narrow" data-testid="login-form">
          <h1>{t(locale, 'login.title')}</h1>
          <p class="muted">{t(locale, 'app.tagline')}</p>
          {error && (
            <p class="error" role="alert">
              {t(locale, `login.error.${error}`)}
            </p>
          )}
          <input type="hidden" name="next" value={next} />
          <label>
            {t(locale, 'login.username')}
            <input name="username" autocomplete="username" required autofocus />
          </label>
          <label>
            {t(locale, 'login.password')}
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
          <button type="submit">{t(locale, 'login.submit')}</button>
        </form>
      </Page>,
    )
  })

  // Pages answer an anonymous visitor with the login page, not a JSON 401 ('/admin/*' covers '/admin').
  app.use('/admin/*', async (c, next) => {
    if (!c.get('actor')) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303)
    await next()
  })

  describeRoute(app, { method: 'get', path: '/admin', role: 'agent', summary: 'Staff home page', tag: 'pages', produces: 'text/html' })
  app.get('/admin', requireRole('agent'), async (c) => {
    const locale = c.get('locale')
    const user = pageUser(c)
    const dbOk = await services.db.query('select 1').then(
      () => true,
      () => false,
    )
    const jobs = await services.jobs.health()
    const actor = c.get('actor')!
    const me = actor.type === 'user' ? actor.id : 0
    // What an agent must see first: customers waiting, and their tickets running out of time.
    const waiting = dbOk ? await waitingSummary(services.db, me, user.role !== 'agent', services.clock.now()) : null
    return c.html(
      <Page title={t(locale, 'home.title')} locale={locale} user={user} path="/admin">
        <h1>{t(locale, 'home.title')}</h1>
        <p data-testid="welcome">{t(locale, 'home.welcome', { name: user.displayName })}</p>
        <p class="muted">{t(locale, 'home.role', { role: t(locale, `role.${user.role}`) })}</p>
        {waiting && (
          <section class={`card waiting-card${waiting.waiting ? ' busy' : ''}`} data-testid="waiting-card">
            <h2>{t(locale, 'home.queue')}</h2>
            <p>
              <a class="button" href="/admin/inbox" data-testid="waiting-link">
                {waiting.waiting ? t(locale, 'home.waiting', { n: waiting.waiting }) : t(locale, 'home.noneWaiting')}
              </a>
            </p>
            {waiting.longWaits > 0 && <p class="caution">{t(locale, 'home.longWaits', { n: waiting.longWaits })}</p>}
            {waiting.tickets > 0 && (
              <p class="caution">
                <a href="/admin/tickets">{t(locale, 'home.slaTickets', { n: waiting.tickets })}</a>
              </p>
            )}
          </section>
        )}
        <section class="card">
          <h2>{t(locale, 'home.status')}</h2>
          <dl class="status">
            <dt>{t(locale, 'home.database')}</dt>
            <dd class={dbOk ? 'ok' : 'bad'}>{`${services.db.kind} · ${dbOk ? 'OK' : 'DOWN'}`}</dd>
            <dt>{t(locale, 'home.jobs')}</dt>
            <dd class={jobs.ok ? 'ok' : 'bad'}>{`${services.jobs.driver} · ${jobs.ok ? 'OK' : jobs.detail}`}</dd>
          </dl>
        </section>
      </Page>,
    )
  })
}
