/**
 * The secret that signs web-chat visitor tokens: SESSION_SECRET when set, otherwise one
 * generated on first start and kept in the database, so every replica signs alike.
 */
import { randomBytes } from 'node:crypto'
import type { Services } from './context.ts'

let cached: { key: string; value: string } | null = null

export async function appSecret(services: Pick<Services, 'config' | 'db'>): Promise<string> {
  if (services.config.SESSION_SECRET) return services.config.SESSION_SECRET
  const cacheKey = `${services.db.kind}:${services.config.DATA_DIR}:${services.config.DATABASE_URL ?? ''}`
  if (cached?.key === cacheKey) return cached.value
  await services.db.query(`insert into settings (key, value, updated_by) values ('app.secret', $1, 'system') on conflict (key) do nothing`, [
    JSON.stringify(randomBytes(32).toString('hex')),
  ])
  const r = await services.db.query<{ value: string }>(`select value from settings where key = 'app.secret'`)
  cached = { key: cacheKey, value: r.rows[0]!.value }
  return cached.value
}
