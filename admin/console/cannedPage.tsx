/**
 * /admin/canned — supervisors keep the canned responses agents send with `/shortcut`.
 * Forms post JSON through the API (console/browser/canned.ts handles `form[data-api]`), so the page and
 * the API share one set of rules.
 */
import type { Hono } from 'hono'
import { SHORTCUT_PATTERN } from '../../bot/handoff/cannedShortcut.ts'
import { requireRole } from '../../bot/http/auth.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { staffAsset } from '../assets.ts'
import { t } from '../ui/i18n.ts'
import { Page } from '../ui/layout.tsx'
import { pageUser } from '../ui/pages.tsx'
import { listCanned } from './canned.ts'
import { loginFirst } from './inboxPage.tsx'
import { describeRoute } from '../../bot/http/api.ts'

export function cannedPage(app: Hono<AppEnv>) {
  describeRoute(app, { method: 'get', path: '/admin/canned', role: 'supervisor', summary: 'Page: canned replies', tag: 'pages', produces: 'text/html' })
  app.get('/admin/canned', loginFirst, requireRole('supervisor'), async (c) => {
    const locale = c.get('locale')
    const items = await listCanned(c.get('services').db)
    return c.html(
      <Page title={t(locale, 'canned.title')} locale={locale} user={pageUser(c)} path="/admin/canned">
        <link rel="stylesheet" href={staffAsset('console.css')} />
        <h1>{t(locale, 'canned.title')}</h1>
        <p class="muted">{t(locale, 'canned.intro')}</p>
        <form class="card canned-form" data-api="POST /api/v1/console/canned" data-testid="canned-form">
          <p class="error" role="alert" hidden></p>
          <label>
            {t(locale, 'canned.shortcut')}
            <input name="shortcut" required pattern={SHORTCUT_PATTERN} placeholder={locale === 'zh' ? '退货' : 'refund'} />
          </label>
          <label>
            {t(locale, 'canned.text')}
            <textarea name="text" required rows={3} maxlength={4000}></textarea>
          </label>
          <button type="submit">{t(locale, 'canned.add')}</button>
        </form>
        {items.length === 0 ? (
          <p class="muted">{t(locale, 'canned.empty')}</p>
        ) : (
          <table class="card" data-testid="canned-list">
            <tbody>
              {items.map((i) => (
                <tr>
                  <td>
                    <code>{`/${i.shortcut}`}</code>
                  </td>
                  <td class="pre">{i.text}</td>
                  <td>
                    <form data-api={`DELETE /api/v1/console/canned/${i.id}`} data-confirm={t(locale, 'canned.delete.confirm')}>
                      <button type="submit" class="secondary">
                        {t(locale, 'canned.delete')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <script type="module" src={staffAsset('canned.js')}></script>
      </Page>,
    )
  })
}
