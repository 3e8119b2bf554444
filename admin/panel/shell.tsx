/**
 * The frame of every panel page: the shared Page layout plus the panel's stylesheet, its
 * client strings (as data, never as markup) and the page's own script: one entry of the staff
 * build (admin/assets.ts) by name, e.g. 'settings.js', which imports what it shares.
 */
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { Role } from '../../bot/context.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { staffAsset } from '../assets.ts'
import { messages, t } from '../ui/i18n.ts'
import { Page } from '../ui/layout.tsx'
import { pageUser } from '../ui/pages.tsx'
import { clientMessages } from './i18n/pairs.ts'

const RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 }

export function canEdit(c: Context<AppEnv>): boolean {
  return RANK[pageUser(c).role] >= RANK.supervisor
}

export function panelPage(c: Context<AppEnv>, p: { title: string; path: string; scripts?: string[]; styles?: string[]; children: Child; status?: number }) {
  const locale = c.get('locale')
  const strings = JSON.stringify(clientMessages(messages[locale] as Record<string, string>))
  return c.html(
    <Page title={p.title} locale={locale} user={pageUser(c)} path={p.path}>
      <link rel="stylesheet" href={staffAsset('panel.css')} />
      {(p.styles ?? []).map((s) => (
        <link rel="stylesheet" href={staffAsset(s)} />
      ))}
      <div id="panel-strings" hidden data-strings={strings} data-locale={locale}></div>
      {p.children}
      {(p.scripts ?? []).map((s) => (
        <script type="module" src={staffAsset(s)}></script>
      ))}
    </Page>,
    (p.status ?? 200) as 200,
  )
}

export { t }

/** Previous / "page of pages" / next, for any paged list; `href(n)` links to page n. Render only when pages > 1. */
export function Pager(props: { page: number; pages: number; href: (page: number) => string; prev: string; next: string }) {
  return (
    <nav class="pager">
      {props.page > 1 && <a href={props.href(props.page - 1)}>{props.prev}</a>}
      <span>{`${props.page} / ${props.pages}`}</span>
      {props.page < props.pages && <a href={props.href(props.page + 1)}>{props.next}</a>}
    </nav>
  )
}
