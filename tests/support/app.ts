/** An app on real test services, called in-process through app.request (no socket needed). */
import type { Hono } from 'hono'
import { adminModule } from '../../admin/module.ts'
import { createApp, type AppModule } from '../../bot/http/app.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { systemCtx } from '../../bot/context.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import type { Runtime } from '../../bot/runtime.ts'

export interface TestClient {
  app: Hono<AppEnv>
  /** Log in as a new user of this role; returns headers that carry the session and CSRF token. */
  loginAs(role: 'admin' | 'supervisor' | 'agent'): Promise<{ cookie: string; csrf: string; headers: Record<string, string> }>
}

let n = 0

export function testApp(rt: Runtime, modules: AppModule[] = [adminModule]): TestClient {
  const app = createApp(rt, modules)
  return {
    app,
    async loginAs(role) {
      const username = `${role}${++n}`
      await createUser({ ctx: systemCtx(rt), input: { username, role, password: 'correct horse battery' } })
      const res = await app.request('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'correct horse battery' }),
      })
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`)
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!
      const { csrfToken } = (await res.json()) as { csrfToken: string }
      return { cookie, csrf: csrfToken, headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' } }
    },
  }
}
