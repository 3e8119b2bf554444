import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadModules } from '../../bot/cli/modules.ts'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { launchBrowser, staffPage } from '../support/browser.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

// A 1×1 transparent PNG.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')

/** Every CSP refusal the page sees, read back after it ran. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as any).__cspViolations = seen
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
  return () => page.evaluate(() => (window as any).__cspViolations as string[])
}

// Issue 15 (6): another site could frame /login and /admin. Now only the web chat page may be
// framed, and the CSP that comes with it must not stop any page's own scripts or styles.
describe('security headers in a real browser', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  let other: Server
  let otherUrl: string
  beforeAll(async () => {
    rt = await testRuntime('postgres', { config: { SEED_DEMO: 'true' } })
    const modules = await loadModules()
    for (const m of modules) await m.prepare?.(rt)
    await createUser({ ctx: systemCtx(rt), input: { username: 'boss', role: 'admin', password: 'admin-password-1' } })
    server = await serveForTest(rt, modules)
    // Another origin that tries to frame our pages (loopback too: Chromium refuses a public page loading 127.0.0.1).
    other = createServer((req, res) => {
      if (req.url === '/pic.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(PIXEL)
      const src = new URL(req.url!, 'http://x').searchParams.get('src')!
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><iframe id="f" src="${server.url}${src}"></iframe>`)
    })
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => other?.close(resolve))
    await server?.stop()
  })

  /** What the framed page shows, or null when the browser refused to render it in the frame. */
  async function framed(src: string) {
    const page = await browser.newPage()
    await page.goto(`${otherUrl}/?src=${encodeURIComponent(src)}`)
    const frame = page.frames().find((f) => f !== page.mainFrame())!
    await frame.waitForLoadState('load').catch(() => {})
    const shown = frame.url().startsWith(server.url)
      ? await frame
          .locator('body')
          .textContent()
          .catch(() => null)
      : null
    await page.close()
    return shown
  }

  it('another origin cannot frame /login or /admin, but can frame the web chat', async () => {
    expect(await framed('/login?lang=en')).toBeNull()
    expect(await framed('/admin')).toBeNull()
    expect(await framed('/?embed=1&lang=en')).toContain('Online service')
  })

  it('the pages still run their scripts and styles under the CSP', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' })
    const violations = await watchCsp(page)
    await page.goto(`${server.url}/?lang=en`)
    await expect.poll(() => page.getAttribute('[data-testid=chat-state]', 'data-state')).toBe('connected')
    const accent = await page.evaluate(() => getComputedStyle(document.getElementById('kefu-chat')!).getPropertyValue('--accent').trim())
    expect(accent).toMatch(/^#[0-9a-f]{6}$/i)
    // A picture in an answer may live on another site (knowledge entries link them).
    const loaded = await page.evaluate(async (src) => {
      const img = Object.assign(document.createElement('img'), { src })
      document.body.append(img)
      await new Promise((resolve) => (img.onload = img.onerror = resolve))
      return img.naturalWidth
    }, `${otherUrl}/pic.png`)
    expect(loaded).toBe(1)
    expect(await violations()).toEqual([])

    const staff = await staffPage(browser, server.url, 'boss', 'admin-password-1')
    const staffViolations = await watchCsp(staff)
    for (const path of ['/admin', '/admin/inbox', '/admin/knowledge', '/admin/knowledge/try', '/admin/tickets', '/admin/dashboard', '/admin/settings']) {
      await staff.goto(`${server.url}${path}`)
      await staff.waitForLoadState('load')
      // Stylesheet applied (not refused): the header is laid out by app.css, not the browser default.
      expect(await staff.evaluate(() => getComputedStyle(document.querySelector('header.top')!).display), path).not.toBe('block')
      expect(await staffViolations(), path).toEqual([])
    }
    await staff.goto(`${server.url}/admin/inbox`)
    await expect.poll(() => staff.inputValue('[data-testid=presence]')).toBe('online')
  })
})
