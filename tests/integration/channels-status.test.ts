import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channelStatuses } from '../../adapters/status.ts'
import { testConfig } from '../support/services.ts'

/** Plays Telegram's getMe and WeChat's token endpoint; a wrong credential gets their documented errors. */
let server: Server
let base = ''
beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json')
    if (req.url === '/bot123:GOOD/getMe') return res.end(JSON.stringify({ ok: true, result: { username: 'kefu_bot' } }))
    if (req.url?.startsWith('/bot')) return ((res.statusCode = 401), res.end(JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' })))
    if (req.url?.includes('secret=right')) return res.end(JSON.stringify({ access_token: 'T', expires_in: 7200 }))
    res.end(JSON.stringify({ errcode: 40125, errmsg: 'invalid appsecret' }))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const byChannel = async (env: Record<string, string>) => Object.fromEntries((await channelStatuses(testConfig(env))).map((s) => [s.channel, s]))

describe('kefu channels', () => {
  it('reports which channels are configured and probes the platforms', async () => {
    const s = await byChannel({
      TELEGRAM_BOT_TOKEN: '123:GOOD',
      TELEGRAM_MODE: 'polling',
      TELEGRAM_API_ROOT: base,
      WECHAT_TOKEN: 'tok123',
      WECHAT_APP_ID: 'wx1234567890abcdef',
      WECHAT_APP_SECRET: 'right',
      WECHAT_API_BASE: base,
    })
    expect(s.webchat).toMatchObject({ configured: true, healthy: true })
    expect(s.telegram).toMatchObject({ configured: true, healthy: true, detail: expect.stringContaining('@kefu_bot') })
    expect(s.wechat).toMatchObject({ configured: true, healthy: true })
    expect(s.teams).toMatchObject({ configured: false, healthy: null })
    expect(s.wechaty).toMatchObject({ configured: false })
  })

  it('says when credentials are refused, and when settings are incomplete', async () => {
    const s = await byChannel({
      TELEGRAM_BOT_TOKEN: '123:BAD',
      TELEGRAM_MODE: 'polling',
      TELEGRAM_API_ROOT: base,
      WECHAT_TOKEN: 'tok123',
      WECHAT_APP_ID: 'wx1234567890abcdef',
      WECHAT_APP_SECRET: 'wrong',
      WECHAT_API_BASE: base,
      TEAMS_APP_ID: 'app-id',
    })
    expect(s.telegram).toMatchObject({ configured: true, healthy: false, detail: expect.stringContaining('401') })
    expect(s.wechat).toMatchObject({ configured: true, healthy: false, detail: expect.stringContaining('invalid appsecret') })
    expect(s.teams).toMatchObject({ configured: false, detail: expect.stringContaining('TEAMS_APP_PASSWORD') })
  })
})
