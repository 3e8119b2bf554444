import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { launchBrowser } from '../support/browser.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

describe('staff login in a real browser', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  beforeAll(async () => {
    rt = await testRuntime('postgres')
    await createUser({ ctx: systemCtx(rt), input: { username: 'lin', displayName: '林小姐', role: 'agent', password: 'agent-password-1' } })
    server = await serveForTest(rt)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop() // also closes the runtime
  })

  it('refuses a wrong password, logs in, switches language, and logs out', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' })
    await page.goto(`${server.url}/admin`)
    expect(new URL(page.url()).pathname).toBe('/login')
    await page.fill('input[name=username]', 'lin')
    await page.fill('input[name=password]', 'wrong-password')
    await page.click('button[type=submit]')
    await expect.poll(() => page.textContent('[role=alert]')).toContain('用户名或密码不正确')

    await page.fill('input[name=username]', 'lin')
    await page.fill('input[name=password]', 'agent-password-1')
    await page.click('button[type=submit]')
    await page.waitForURL(`${server.url}/admin`)
    expect(await page.textContent('[data-testid=welcome]')).toContain('欢迎回来，林小姐')

    await page.click('[data-testid=lang-switch]')
    await expect.poll(() => page.textContent('[data-testid=welcome]')).toContain('Welcome back, 林小姐')

    await page.click('form.logout button')
    await page.waitForURL(/\/login$/)
    await page.goto(`${server.url}/admin`)
    expect(new URL(page.url()).pathname).toBe('/login')
  })
})
