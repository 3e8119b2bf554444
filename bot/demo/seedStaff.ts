/**
 * First start of the demo: create an admin and an agent with fresh random passwords and
 * print them once. Nothing happens when any staff account already exists.
 */
import { systemCtx, type Services } from '../context.ts'
import { newPassword } from '../auth/secrets.ts'
import { createUser } from '../staff/createUser.ts'

export interface SeededAccount {
  username: string
  password: string
  role: 'admin' | 'agent'
}

export async function seedDemoStaff(services: Services): Promise<SeededAccount[]> {
  const existing = await services.db.query<{ n: number }>('select count(*)::int as n from staff_users')
  if (existing.rows[0]!.n > 0) return []
  const ctx = systemCtx(services, 'demo-seed')
  const accounts: SeededAccount[] = [
    { username: 'admin', password: newPassword(), role: 'admin' },
    { username: 'agent', password: newPassword(), role: 'agent' },
  ]
  const names = { admin: '管理员 Admin', agent: '小王 Agent Wang' }
  for (const a of accounts) await createUser({ ctx, input: { ...a, displayName: names[a.role] } })
  return accounts
}
