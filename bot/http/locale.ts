/** Pick zh or en: ?lang= (remembered in a cookie), the cookie, the staff member's setting, Accept-Language. */
import type { MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from './types.ts'

export const LANG_COOKIE = 'kefu_lang'
type Locale = 'zh' | 'en'
const isLocale = (v: unknown): v is Locale => v === 'zh' || v === 'en'

export function locale(fallback: Locale): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const asked = c.req.query('lang')
    if (isLocale(asked)) setCookie(c, LANG_COOKIE, asked, { path: '/', sameSite: 'Lax', maxAge: 365 * 86400 })
    const cookie = getCookie(c, LANG_COOKIE)
    const header = c.req.header('accept-language')?.toLowerCase()
    const fromHeader: Locale | undefined = header?.startsWith('en') ? 'en' : header?.startsWith('zh') ? 'zh' : undefined
    const chosen = isLocale(asked) ? asked : isLocale(cookie) ? cookie : undefined
    c.set('locale', chosen ?? c.get('session')?.locale ?? fromHeader ?? fallback)
    await next()
  }
}
