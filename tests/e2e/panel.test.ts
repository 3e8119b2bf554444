import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { adminModule } from '../../admin/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { webchatModule } from '../../adapters/webchat/module.ts'
import { launchBrowser, pageApi, staffPage } from '../support/browser.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'
import { seedKnowledge } from '../support/knowledge.ts'

const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/${name}`, fullPage: true })

describe('admin panel in a real browser', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  let page: Page
  const api = (method: string, url: string, body?: unknown) => pageApi(page)(method, url, body)

  beforeAll(async () => {
    rt = await testRuntime('postgres')
    // The web chat is mounted too: a published edit must reach customers, not just the API.
    for (const m of [knowledgeModule, conversationsModule, ticketsModule, webchatModule]) await m.prepare?.(rt)
    expect(await seedKnowledge(rt)).toBeGreaterThan(30)
    await createUser({ ctx: systemCtx(rt), input: { username: 'wang', displayName: '王主管', role: 'admin', password: 'admin-password-1' } })
    server = await serveForTest(rt, [knowledgeModule, conversationsModule, ticketsModule, webchatModule, panelModule, adminModule])
    browser = await launchBrowser()
    page = await staffPage(browser, server.url, 'wang', 'admin-password-1', { width: 1280, height: 800 })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('changes the answer threshold after showing what it would do', async () => {
    await page.goto(`${server.url}/admin/settings`)
    const proposed = (m: string) => page.textContent(`[data-metric=${m}] .proposed`)
    await expect.poll(() => proposed('answered'), { timeout: 15_000 }).toMatch(/%$/)
    await page.fill('[data-testid=th-answer]', '0.2')
    await page.fill('[data-testid=th-clarify]', '0.5')
    await expect.poll(() => page.textContent('[data-testid=th-clarify] ~ .field-error')).toContain('澄清阈值不能高于回答阈值')
    const propose = async (answer: number, margin: number, clarify: number) => {
      await page.fill('[data-testid=th-answer]', String(answer))
      await page.fill('[data-testid=th-margin]', String(margin))
      await page.fill('[data-testid=th-clarify]', String(clarify))
      await expect.poll(async () => JSON.parse((await page.getAttribute('#whatif', 'data-ready')) ?? '{}').answer, { timeout: 10_000 }).toBe(answer)
      return parseFloat((await proposed('answered'))!)
    }
    const strict = await propose(0.99, 0.1, 0.2)
    // A lower bar answers more of the examples, and the page says how well.
    expect(await propose(0.3, 0.02, 0.2)).toBeGreaterThan(strict)
    expect(await proposed('precision')).toMatch(/^\d+\.\d%$/)
    expect(await page.textContent('.basis')).toMatch(/依据 \d+ 个样本/)
    await shot(page, 'settings.png')
    await page.click('[data-testid=save-override]')
    await page.waitForURL(/saved=1/)
    expect(await page.textContent('[data-testid=th-in-force]')).toContain('0.300')
    expect(await page.textContent('[data-testid=th-in-force]')).toContain('管理员设定')
    expect((await api('GET', '/api/v1/kb/thresholds')).inForce).toMatchObject({ answer: 0.3, margin: 0.02, clarify: 0.2, source: 'override' })
  })

  it('edits and publishes an entry from the keyboard; the next search answers with it', async () => {
    const message = '快递员把我的冰箱门撞凹了'
    const before = await api('POST', '/api/v1/kb/search', { text: message })
    expect(before.candidates.map((c: any) => c.reason.matchedQuestion)).not.toContain(message)

    await page.goto(`${server.url}/admin/knowledge?q=破损`)
    await page.click('[data-testid=kb-list] a:has-text("收到的商品破损了怎么办")')
    await page.waitForURL(/\/admin\/knowledge\/demo-damaged$/)
    await page.focus('#similar-list li:last-child input')
    await page.keyboard.press('Enter') // adds a row after this one and focuses it
    await page.keyboard.type(message)
    await page.keyboard.press('Alt+ArrowUp') // reorder from the keyboard
    expect(await page.inputValue('#similar-list li:nth-last-child(2) input')).toBe(message)
    await page.fill('textarea[name=answer]', '非常抱歉！**运输造成的损坏由我们负责**：请拍照发给我，马上为您补发或退款。（新版）')
    await page.fill('textarea[name=buttons]', '上传照片\n转人工 | 转人工')
    await page.click('[role=tab][data-channel=wechat]')
    expect(await page.textContent('[data-testid=preview]')).toContain('1. 上传照片')
    // The preview shows the answer as rendered for the channel: WeChat without the markup, the web chat in bold.
    await expect.poll(() => page.textContent('[data-testid=preview]')).toContain('非常抱歉！运输造成的损坏由我们负责：')
    await page.click('[role=tab][data-channel=webchat]')
    await expect.poll(() => page.textContent('[data-testid=preview] .bubble strong').catch(() => null)).toBe('运输造成的损坏由我们负责')
    await shot(page, 'kb-editor.png')
    await page.keyboard.press('Control+Enter') // publish
    await expect.poll(() => page.textContent('[role=status]')).toContain('已发布（版本 2）')

    const after = await api('POST', '/api/v1/kb/search', { text: message })
    expect(after.decision).toBe('answer')
    expect(after.candidates[0]).toMatchObject({ entryId: 'demo-damaged', reason: { matchedQuestion: message } })

    // A customer on the web chat now gets the new answer.
    const chat = await browser.newPage({ locale: 'zh-CN' })
    await chat.goto(`${server.url}/`)
    await chat.fill('textarea[name=text]', message)
    await chat.press('textarea[name=text]', 'Enter')
    await expect.poll(() => chat.textContent('body'), { timeout: 10_000 }).toContain('运输造成的损坏由我们负责')
    expect(await chat.textContent('.bubble strong')).toBe('运输造成的损坏由我们负责')
    await chat.close()

    await page.goto(`${server.url}/admin/knowledge/try?q=${encodeURIComponent(message)}`)
    await expect.poll(() => page.getAttribute('[data-testid=decision]', 'data-decision')).toBe('answer')
    expect(await page.textContent('[data-testid=answer-text]')).toContain('（新版）')
    expect(await page.textContent('[data-testid=candidates]')).toContain(message)
    expect(await page.textContent('[data-testid=thresholds]')).toContain('0.300')
    await shot(page, 'try-it.png')
  })

  it('explains a conflicting save and offers a reload', async () => {
    await page.goto(`${server.url}/admin/knowledge/demo-invoice`)
    const e = await api('GET', '/api/v1/kb/entries/demo-invoice')
    await api('PUT', '/api/v1/kb/entries/demo-invoice', { version: e.version, tags: ['发票', '财务'] }) // someone else saves first
    await page.fill('input[name=tags]', '发票, 税务')
    await page.click('[data-testid=save-draft]')
    await expect.poll(() => page.textContent('#form-error')).toContain('别人在您编辑期间修改了这个条目')
    await page.click('[data-testid=conflict-reload]')
    await expect.poll(() => page.inputValue('input[name=tags]')).toBe('发票, 财务')
  })

  it('previews an import with a bad line, then imports the fixed file', async () => {
    const csv = (answer2: string) =>
      Buffer.from(
        [
          'question,answer,similar_questions,category,tags',
          '智能音箱怎么连无线网,在音箱 App 里选「添加设备」按提示配网即可。,音箱连不上网|音箱配网,商品/智能音箱,音箱',
          `发票抬头写错了怎么办,${answer2},抬头错了|发票重开,订单与物流/发票,发票`,
        ].join('\n'),
      )
    await page.goto(`${server.url}/admin/knowledge/import`)
    await page.setInputFiles('input[name=file]', { name: 'faq.csv', mimeType: 'text/csv', buffer: csv('') })
    await page.click('[data-testid=import-preview]')
    await expect.poll(() => page.textContent('[data-testid=import-rejected]')).toContain('第 3 行')
    expect(await page.textContent('[data-testid=import-summary]')).toContain('错误 1')
    expect(await page.locator('[data-testid=import-apply]').count()).toBe(0) // nothing can be imported while a line is wrong
    expect((await api('GET', `/api/v1/kb/entries?q=${encodeURIComponent('智能音箱怎么连无线网')}`)).total).toBe(0)

    await page.setInputFiles('input[name=file]', { name: 'faq.csv', mimeType: 'text/csv', buffer: csv('在订单页申请重开发票，1 个工作日内处理。') })
    await page.click('[data-testid=import-preview]')
    await expect.poll(() => page.textContent('[data-testid=import-summary]')).toContain('新增 2')
    await page.click('[data-testid=import-apply]')
    await expect.poll(() => page.textContent('[data-testid=import-done]')).toContain('新增 2 条')
    expect((await api('GET', `/api/v1/kb/entries?q=${encodeURIComponent('智能音箱怎么连无线网')}`)).total).toBe(1)
  })
})
