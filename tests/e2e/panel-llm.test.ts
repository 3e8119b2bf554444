// The settings page's language-model card in a real browser: with a model configured it shows
// the endpoint and model (never the key), today's tokens and the last calls, and saving the
// switches stores the `llm` setting; without a model it says how to configure one.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { systemCtx } from '../../bot/context.ts'
import { recordLlmCall } from '../../bot/llm/audit.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { getSetting } from '../../bot/settings.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { launchBrowser, staffPage } from '../support/browser.ts'
import { type FakeChatModel, startFakeChatModel } from '../support/fake-chat-model.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

const KEY = 'sk-never-on-a-page-42'

async function adminOn(config: Record<string, string>) {
  const rt = await testRuntime('postgres', { config })
  await knowledgeModule.prepare?.(rt)
  await createUser({ ctx: systemCtx(rt), input: { username: 'wang', displayName: '王管理', role: 'admin', password: 'admin-password-1' } })
  const server = await serveForTest(rt, [knowledgeModule, panelModule, adminModule])
  return { rt, server }
}

describe('language-model settings in a real browser', () => {
  let browser: Browser
  let model: FakeChatModel
  let rt: Runtime
  let server: { url: string; stop(): Promise<void> }
  let page: Page
  const asked: string[] = []

  beforeAll(async () => {
    model = await startFakeChatModel({ apiKey: KEY, respond: () => ({ content: { ok: true } }) })
    ;({ rt, server } = await adminOn({ LLM_BASE_URL: model.baseURL, LLM_API_KEY: KEY, LLM_MODEL: model.model, LLM_DAILY_TOKEN_CAP: '50000' }))
    // Two calls as bot/llm/ask.ts records them: one answered, one the model was too slow for.
    await recordLlmCall(rt.db, { purpose: 'judge', model: model.model, outcome: 'ok', promptTokens: 900, completionTokens: 334, latencyMs: 812 })
    await recordLlmCall(rt.db, { purpose: 'judge', model: model.model, outcome: 'timeout', latencyMs: 2500, detail: 'timeout' })
    browser = await launchBrowser()
    page = await staffPage(browser, server.url, 'wang', 'admin-password-1', { width: 1280, height: 900 })
    page.on('dialog', (d) => void asked.push(d.message()))
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await model?.close()
  })

  it('shows the model, the tokens and the last calls, never the key', async () => {
    await page.goto(`${server.url}/admin/settings`)
    const card = '[data-testid=llm-card]'
    expect(await page.textContent(`${card} [data-testid=llm-model]`)).toContain(`${model.model}（${new URL(model.baseURL).host}）`)
    expect(await page.textContent(`${card} [data-testid=llm-tokens]`)).toContain('1234 / 50000')
    const rows = await page.locator(`${card} [data-testid=llm-calls] tbody tr`).allTextContents()
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('超时')
    expect(rows[0]).toContain('2500 ms')
    expect(rows[1]).toContain('812 ms')
    expect(rows[1]).toContain('核对/组织回答')
    expect(await page.content()).not.toContain(KEY)
    expect(await page.textContent(`${card} [data-testid=llm-personal-warning]`)).toContain('个人信息会发送到上面的模型服务商')
  })

  it('turns the model off on Telegram and on for personal data, asking first; the setting is stored', async () => {
    const card = '[data-testid=llm-card]'
    await page.uncheck(`${card} input[name="channel.telegram"]`)
    await page.uncheck(`${card} input[name=rewrite]`)
    await page.check(`${card} input[name=sendPersonalData]`)
    await page.click('[data-testid=save-llm]')
    await expect.poll(() => page.textContent(`${card} [role=status]`)).toContain('设置已保存')
    expect(asked.at(-1)).toContain('原样发送给模型服务商')
    const llm = await getSetting(rt.db, 'llm')
    expect(llm).toEqual({
      channels: { webchat: true, wechat: true, wechaty: true, telegram: false, teams: true },
      compose: true,
      rewrite: false,
      assist: true,
      sendPersonalData: true,
    })
    await page.reload()
    expect(await page.isChecked(`${card} input[name="channel.telegram"]`)).toBe(false)
    expect(await page.isChecked(`${card} input[name="channel.webchat"]`)).toBe(true)
  })
})

describe('language-model settings without a model', () => {
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }

  beforeAll(async () => {
    ;({ server } = await adminOn({}))
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('says how to configure one and offers no switches', async () => {
    const page = await staffPage(browser, server.url, 'wang', 'admin-password-1', { width: 1280, height: 900 })
    await page.goto(`${server.url}/admin/settings`)
    const card = '[data-testid=llm-card]'
    const howTo = await page.textContent(`${card} [data-testid=llm-howto]`)
    expect(howTo).toContain('LLM_BASE_URL')
    expect(howTo).toContain('LLM_MODEL')
    expect(await page.textContent(card)).toContain('Point Kefu at a model')
    expect(await page.locator(`${card} input[type=checkbox]`).count()).toBe(0)
    expect(await page.locator('[data-testid=save-llm]').count()).toBe(0)
  })
})
