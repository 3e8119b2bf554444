/** The page shell every staff page uses: header, navigation, language switch, logout. */
import type { Child } from 'hono/jsx'
import type { Role } from '../../bot/context.ts'
import { staffAsset } from '../assets.ts'
import { t, type Locale } from './i18n.ts'
import type { NavItem } from './nav.ts'

export interface PageUser {
  displayName: string
  role: Role
  csrfToken: string
  /** The links this user may open. */
  nav: NavItem[]
}

export function Page(props: { title: string; locale: Locale; children: Child; user?: PageUser; path?: string }) {
  const { locale, user } = props
  const other = locale === 'zh' ? 'en' : 'zh'
  return (
    <html lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {user && <meta name="csrf-token" content={user.csrfToken} />}
        <title>{`${props.title} · ${t(locale, 'app.name')}`}</title>
        <link rel="stylesheet" href={staffAsset('app.css')} />
        <script type="module" src={staffAsset('app.js')}></script>
      </head>
      <body>
        <header class="top">
          <a class="brand" href={user ? '/admin' : '/'}>
            {t(locale, 'app.name')}
          </a>
          {user && (
            <button type="button" class="menu-toggle secondary" data-testid="menu-toggle" aria-expanded="false" aria-controls="staff-nav">
              {t(locale, 'nav.menu')}
            </button>
          )}
          {user && (
            <nav id="staff-nav" aria-label={t(locale, 'nav.menu')}>
              {user.nav.map((item) => (
                <a href={item.href} class={props.path === item.href ? 'active' : undefined}>
                  {t(locale, item.labelKey)}
                </a>
              ))}
            </nav>
          )}
          <div class="spacer" />
          <a class="lang" href={`?lang=${other}`} data-testid="lang-switch">
            {t(locale, 'nav.language')}
          </a>
          {user && (
            <form method="post" action="/logout" class="logout">
              <input type="hidden" name="_csrf" value={user.csrfToken} />
              <span class="who">{user.displayName}</span>
              <button type="submit">{t(locale, 'nav.logout')}</button>
            </form>
          )}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  )
}
