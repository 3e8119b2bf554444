// Issue 18, item 5: every staff page fits a 390 px phone and a 1440 px desktop, in zh and en.
// Measured in Chromium, per page: the page never scrolls sideways (scrollWidth ≤ innerWidth);
// at 1440 the header is one row and no nav link wraps; at 390 the menu button opens the nav,
// every link shows on one line inside the screen, and logout is on screen. Also writes the
// phone-width screenshots the README shows.
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webchatModule } from '../../adapters/webchat/module.ts'
import { consoleModule } from '../../admin/console/module.ts'
import { adminModule } from '../../admin/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { systemCtx, withActor } from '../../bot/context.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { createTicket } from '../../bot/tickets/createTicket.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { seedWeek, WEEK } from '../integration/panel-dataset.ts'
import { launchBrowser } from '../support/browser.ts'
import { seedKnowledge } from '../support/knowledge.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

const WIDTHS = [390, 1440] as const
const LOCALES = ['zh', 'en'] as const

interface Measure {
  scrollWidth: number
  innerWidth: number
  headerHeight: number
  /** Nav links: lines of text (1 = no wrap) and box edges. */
  links: { text: string; lines: number; left: number; right: number; top: number; visible: boolean }[]
  logout: { left: number; right: number; visible: boolean } | null
  /** Table cells narrower than three characters of text. */
  squeezed: string[]
  /** Ranked-bar labels (dashboard) shown narrower than their text and than 8 characters. */
  cutLabels: string[]
  /** The lowest-rated list, top to bottom: red bar width (share of bad ratings). */
  ratedBars: number[]
}

const measure = (page: Page) =>
  page.evaluate((): Measure => {
    const box = (n: Element) => n.getBoundingClientRect()
    const shown = (n: Element) => {
      const r = box(n)
      return r.width > 0 && r.height > 0 && getComputedStyle(n).visibility !== 'hidden'
    }
    const logout = document.querySelector('form.logout button')
    const squeezed: string[] = []
    for (const cell of document.querySelectorAll('main th, main td')) {
      const text = (cell.textContent ?? '').trim()
      if (text.length >= 3 && shown(cell) && box(cell).width < 3 * parseFloat(getComputedStyle(cell).fontSize)) squeezed.push(text.slice(0, 20))
    }
    const cutLabels = [...document.querySelectorAll<HTMLElement>('.hb-label')]
      .filter((n) => n.scrollHeight > n.clientHeight + 1 || (n.scrollWidth > n.clientWidth + 1 && n.clientWidth < 8 * parseFloat(getComputedStyle(n).fontSize)))
      .filter((n) => box(n).width < 8 * parseFloat(getComputedStyle(n).fontSize))
      .map((n) => n.textContent ?? '')
    const ratedBars = [...document.querySelectorAll('[data-testid=lowest-rated] rect.bad')].map((r) => Number(r.getAttribute('width')))
    return {
      cutLabels,
      ratedBars,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      headerHeight: box(document.querySelector('header.top')!).height,
      links: [...document.querySelectorAll('header.top nav a')].map((a) => ({
        text: a.textContent ?? '',
        lines: (() => {
          const s = getComputedStyle(a)
          const inner = box(a).height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom) - parseFloat(s.borderTopWidth) - parseFloat(s.borderBottomWidth)
          return Math.round(inner / parseFloat(s.lineHeight))
        })(),
        left: box(a).left,
        right: box(a).right,
        top: box(a).top,
        visible: shown(a),
      })),
      logout: logout && { left: box(logout).left, right: box(logout).right, visible: shown(logout) },
      squeezed,
    }
  })

/** The outermost elements that stick out on the right, to say what to fix. */
const wide = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter(
        (n) =>
          n.getBoundingClientRect().right > innerWidth + 1 &&
          !n.parentElement!.closest('.table-wrap') &&
          n.parentElement!.getBoundingClientRect().right <= innerWidth + 1,
      )
      .slice(0, 5)
      .map(
        (n) =>
          `  sticks out: <${n.tagName.toLowerCase()} class="${n.className}"> ${Math.round(n.getBoundingClientRect().right)} px "${(n.textContent ?? '').trim().slice(0, 24)}"`,
      ),
  )

describe('staff pages at phone and desktop width, in zh and en', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  const pages: string[] = []

  beforeAll(async () => {
    rt = await testRuntime('postgres')
    for (const m of [knowledgeModule, conversationsModule, ticketsModule, webchatModule]) await m.prepare?.(rt)
    await seedKnowledge(rt)
    const week = await seedWeek(rt.db)
    const admin = await createUser({ ctx: systemCtx(rt), input: { username: 'boss', displayName: '王主管', role: 'admin', password: 'admin-password-1' } })
    const { conversationId } = await handleInbound({
      ctx: systemCtx(rt),
      input: { channel: 'webchat', externalUserId: 'v-layout', channelMessageId: 'l1', text: '师傅态度太差了，我要投诉，转人工', displayName: '张先生' },
    })
    const customerId = (await rt.db.query<any>('select customer_id from conversations where id = $1', [conversationId])).rows[0].customer_id
    const actor = withActor(rt, { type: 'user', id: admin.id, username: 'boss', role: 'admin' })
    const ticket = await createTicket({
      ctx: actor,
      input: { customerId, conversationId, type: 'complaint', priority: 'high', subject: '安装师傅迟到两个小时，态度很差，要求上门道歉并赔偿' },
    })
    const entry = (await rt.db.query<any>('select id from kb_entries order by id limit 1')).rows[0].id
    pages.push(
      '/admin',
      `/admin/inbox#c${conversationId}`,
      '/admin/canned',
      '/admin/knowledge',
      '/admin/knowledge/new',
      `/admin/knowledge/${entry}`,
      `/admin/knowledge/${entry}/history`,
      '/admin/knowledge/try',
      '/admin/knowledge/import',
      '/admin/knowledge/taxonomy',
      '/admin/knowledge/unanswered',
      '/admin/tickets',
      `/admin/tickets/${ticket.number}`,
      `/admin/dashboard?from=${WEEK.from}&to=${WEEK.to}`,
      `/admin/dashboard/conversations?from=${WEEK.from}&to=${WEEK.to}`,
      `/admin/dashboard/conversations/${Object.values(week)[0]}`,
      '/admin/people',
      '/admin/audit',
      '/admin/settings',
    )
    server = await serveForTest(rt, [knowledgeModule, conversationsModule, ticketsModule, webchatModule, consoleModule, panelModule, adminModule])
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function loggedIn(width: number, locale: 'zh' | 'en') {
    const page = await browser.newPage({ locale: locale === 'zh' ? 'zh-CN' : 'en-US', viewport: { width, height: 860 } })
    await page.goto(`${server.url}/login?lang=${locale}`)
    expect(await problems(page, width, 'login')).toEqual([])
    await page.fill('input[name=username]', 'boss')
    await page.fill('input[name=password]', 'admin-password-1')
    await page.click('button[type=submit]')
    await page.waitForURL(`${server.url}/admin`)
    return page
  }

  /** What is wrong with this page at this width, in words (empty = fits). */
  async function problems(page: Page, width: number, name: string): Promise<string[]> {
    const out: string[] = []
    let m = await measure(page)
    if (m.scrollWidth > m.innerWidth) out.push(`${name}: page ${m.scrollWidth} px wide on a ${m.innerWidth} px screen`, ...(await wide(page)))
    if (m.squeezed.length) out.push(`${name}: table cells squeezed below 3 characters: ${m.squeezed.slice(0, 3).join(' | ')}`)
    if (m.cutLabels.length) out.push(`${name}: bar labels cut short: ${m.cutLabels.slice(0, 3).join(' | ')}`)
    if (m.ratedBars.some((w, i) => i > 0 && w > m.ratedBars[i - 1]!)) out.push(`${name}: lowest-rated bars not longest-first: ${m.ratedBars.join(', ')}`)
    if (!m.links.length) return out // the login page has no nav
    if (width >= 1440) {
      if (m.headerHeight > 64) out.push(`${name}: header ${m.headerHeight} px high (wraps)`)
      const tops = new Set(m.links.map((l) => Math.round(l.top)))
      if (tops.size > 1) out.push(`${name}: nav on ${tops.size} rows`)
    } else {
      const toggle = page.locator('[data-testid=menu-toggle]')
      if (!(await toggle.isVisible())) out.push(`${name}: no menu button at ${width} px`)
      else {
        await toggle.click()
        m = await measure(page)
        if (m.scrollWidth > m.innerWidth) out.push(`${name}: open menu makes the page ${m.scrollWidth} px wide`)
        await toggle.click()
      }
    }
    for (const l of m.links) {
      if (!l.visible) out.push(`${name}: nav link "${l.text}" hidden`)
      else if (l.lines > 1) out.push(`${name}: nav link "${l.text}" wraps (${l.lines} lines)`)
      else if (l.left < 0 || l.right > width) out.push(`${name}: nav link "${l.text}" off screen (${l.left}–${l.right})`)
    }
    if (!m.logout?.visible || m.logout.right > width || m.logout.left < 0) out.push(`${name}: logout not on screen`)
    return out
  }

  for (const width of WIDTHS)
    for (const locale of LOCALES)
      it(`every staff page fits ${width} px in ${locale}`, async () => {
        const page = await loggedIn(width, locale)
        const found: string[] = []
        for (const path of pages) {
          await page.goto(`${server.url}${path}`)
          await page.waitForLoadState('networkidle').catch(() => {})
          found.push(...(await problems(page, width, path)))
          if (width === 390 && locale === 'zh') {
            const name = { '/admin/tickets': 'phone-tickets.png', '/admin/knowledge': 'phone-knowledge.png' }[path.split('?')[0]!]
            if (path.startsWith('/admin/inbox')) await shot(page, 'phone-console.png')
            else if (path.startsWith('/admin/dashboard?')) await shot(page, 'phone-dashboard.png')
            else if (name) await shot(page, name)
          }
        }
        expect(found).toEqual([])
        // The lowest-rated list is there to be judged: rows, worst (longest red bar) first.
        await page.goto(`${server.url}/admin/dashboard?from=${WEEK.from}&to=${WEEK.to}`)
        const bars = (await measure(page)).ratedBars
        expect(bars.length).toBeGreaterThan(1)
        expect(bars[0]).toBeGreaterThan(bars.at(-1)!)
        await page.close()
      })
})

async function shot(page: Page, name: string) {
  mkdirSync('docs/screenshots', { recursive: true })
  await page.screenshot({ path: `docs/screenshots/${name}` })
}
