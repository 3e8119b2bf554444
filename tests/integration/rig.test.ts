// Sanity check of the test rig itself (scripts/test.sh + scripts/services.sh): the
// services every other integration test relies on are really there and really work.
import { describe, it, expect } from 'vitest'
import pg from 'pg'
import { Redis } from 'ioredis'
import { launchBrowser } from '../support/browser.js'

function requireEnv(name: string): string {
  const value = process.env[name]
  if (!value) {
    throw new Error(`${name} is not set: run the tests with \`npm test\` (scripts/test.sh starts the services)`)
  }
  return value
}

describe('test rig', () => {
  it('PostgreSQL has a working pgvector', async () => {
    const client = new pg.Client({ connectionString: requireEnv('TEST_DATABASE_URL') })
    await client.connect()
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS vector')
      const { rows } = await client.query<{ distance: number }>("select '[1,2,3]'::vector <-> '[1,2,4]'::vector as distance")
      expect(rows[0]?.distance).toBe(1)
    } finally {
      await client.end()
    }
  })

  it('Redis answers SET/GET', async () => {
    const redis = new Redis(requireEnv('TEST_REDIS_URL'), { maxRetriesPerRequest: 1 })
    try {
      const key = `rig:${process.pid}:${Date.now()}`
      expect(await redis.set(key, '客服', 'EX', 60)).toBe('OK')
      expect(await redis.get(key)).toBe('客服')
      await redis.del(key)
    } finally {
      await redis.quit()
    }
  })

  it('Chromium runs a page and reacts to a click', async () => {
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage()
      const html =
        '<!doctype html><meta charset="utf-8"><title>rig</title>' +
        '<button id="go" onclick="document.getElementById(\'out\').textContent = \'clicked\'">go</button>' +
        '<p id="out">waiting</p>'
      await page.goto(`data:text/html,${encodeURIComponent(html)}`)
      expect(await page.textContent('#out')).toBe('waiting')
      await page.click('#go')
      expect(await page.textContent('#out')).toBe('clicked')
    } finally {
      await browser.close()
    }
  })
})
