import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { configSchema } from '../../bot/config.ts'

describe('README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  it('documents every configuration variable', () => {
    const missing = Object.keys(configSchema.shape).filter((k) => !readme.includes(`| \`${k}\` |`))
    expect(missing).toEqual([])
  })
  it('keeps the quick start to the two commands', () => {
    expect(readme).toContain('npm install && npm start')
    expect(readme).toContain('npm test')
  })
})
