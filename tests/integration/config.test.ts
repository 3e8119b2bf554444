import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from '../../bot/config.ts'

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
})
