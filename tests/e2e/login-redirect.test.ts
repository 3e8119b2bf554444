import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { launchBrowser } from '../support/browser.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

// Issue 15 (5): `next=/\host` passed the "starts with / but not //" check and Chromium, which
// reads a backslash as a slash, followed the redirect to the other site.
describe('login redirect stays on the site in a real browser', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  let other: Server
  let otherHost: string
  beforeAll(async () => {
    rt = await testRuntime('postgres')
    await createUser({ ctx: systemCtx(rt), input: { username: 'zhou', role: 'agent', password: 'agent-password-1' } })
    server = await serveForTest(rt)
    // The "other site": a page that says where the browser ended up.
    other = createServer((_req, res) => res.end('<h1>other site</h1>'))
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    otherHost = `localhost:${(other.address() as AddressInfo).port}`
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => other?.close(resolve))
    await server?.stop()
  })

  // Each is the raw query string after `next=`, as a phishing link would carry it.
  const variants = (host: string) => [
    `/\\${host}/landed`,
    `//${host}/landed`,
    `/\\\\${host}/landed`,
    `%2F%2F${host}/landed`,
    `%2F%5C${host}/landed`,
    `/%09/${host}/landed`,
    `/%0A/${host}/landed`,
    `%2F%0D%0A%2F${host}/landed`,
  ]

  it('lands on the site whatever the next= trick', async () => {
    const site = new URL(server.url).origin
    for (const next of variants(otherHost)) {
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.goto(`${server.url}/login?next=${next}`)
      await page.fill('input[name=username]', 'zhou')
      await page.fill('input[name=password]', 'agent-password-1')
      await page.click('button[type=submit]')
      await page.waitForLoadState('load')
      expect(new URL(page.url()).origin, next).toBe(site)
      expect(await page.textContent('body'), next).not.toContain('other site')
      await context.close()
    }
  })

  it('still follows a path on the site', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${server.url}/login?next=${encodeURIComponent('/admin?lang=en')}`)
    await page.fill('input[name=username]', 'zhou')
    await page.fill('input[name=password]', 'agent-password-1')
    await page.click('button[type=submit]')
    await page.waitForURL(`${server.url}/admin?lang=en`)
    await context.close()
  })
})
