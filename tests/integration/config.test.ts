import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from '../../bot/config.ts'
import { wechatOaConfig } from '../../adapters/wechat-oa/config.ts'

describe('configuration', () => {
  it('defaults to the embedded database and in-process jobs', () => {
    const c = parseConfig({})
    expect(c.embedded).toBe(true)
    expect(c.PORT).toBe(3000)
    expect(c.DATA_DIR).toBe('./data')
    expect(c.seedDemo).toBe(true)
    expect(c.REDIS_URL).toBeUndefined()
  })

  it('names every wrong variable and what it expects', () => {
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      const msg = (err as Error).message
      expect(msg).toMatch(/PORT: .*HTTP port/)
      expect(msg).toMatch(/DATABASE_URL: .*postgres/)
      expect(msg).toMatch(/LOG_LEVEL/)
    }
  })

  it('treats empty strings as unset and parses booleans', () => {
    const c = parseConfig({ REDIS_URL: '', RUN_WORKERS: 'false', DATABASE_URL: 'postgres://u@h/db' })
    expect(c.REDIS_URL).toBeUndefined()
    expect(c.RUN_WORKERS).toBe(false)
    expect(c.embedded).toBe(false)
    expect(c.seedDemo).toBe(false)
  })

  it('refuses WeChat safe mode without WECHAT_APP_ID, in Chinese and English, instead of encrypting with an empty AppID', () => {
    const safe = { WECHAT_TOKEN: 'kefutest', WECHAT_ENCODING_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }
    expect(() => parseConfig(safe)).toThrow(ConfigError)
    expect(() => parseConfig(safe)).toThrow(
      /WECHAT_APP_ID: 已设置 WECHAT_ENCODING_AES_KEY.*AppID.* \/ WECHAT_ENCODING_AES_KEY is set .* but WECHAT_APP_ID is not/,
    )
    expect(parseConfig({ ...safe, WECHAT_APP_ID: 'wx2c2769f8efd9abc2' }).WECHAT_APP_ID).toBe('wx2c2769f8efd9abc2')
    expect(parseConfig({ WECHAT_TOKEN: 'kefutest' }).WECHAT_TOKEN).toBe('kefutest') // plain mode needs no AppID
    // The channel's own settings (which tests and overrides reach) refuse it too.
    expect(() => wechatOaConfig(parseConfig({ WECHAT_TOKEN: 'kefutest' }), { aesKey: safe.WECHAT_ENCODING_AES_KEY })).toThrow(/WECHAT_APP_ID/)
  })
})
