/**
 * Microsoft Entra's token endpoint, locally: the OAuth 2.0 client-credentials grant the bot
 * uses to get its Bot Framework token (POST …/oauth2/v2.0/token with client_id, client_secret
 * and scope https://api.botframework.com/.default → access_token). botbuilder's own client
 * (MSAL) insists on HTTPS and on Microsoft's authority discovery, so the test hands the
 * adapter a credentials factory — botbuilder's extension point for exactly this — that makes
 * that grant over HTTP against this server; everything after the token is botbuilder's.
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { CredentialsFactory } from '../../../adapters/teams/botToken.ts'

export interface LocalLogin {
  /** Every token it issued (all valid for their hour, as Entra's are). */
  issued: Set<string>
  credentialsFactory: CredentialsFactory
  close(): Promise<void>
}

export async function startLocalLogin(app: { appId: string; password: string }): Promise<LocalLogin> {
  const issued = new Set<string>()
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      const form = new URLSearchParams(body)
      const json = (status: number, o: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(o))
      if (req.method !== 'POST' || !req.url?.endsWith('/oauth2/v2.0/token')) return json(404, { error: 'not_found' })
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== app.appId || form.get('client_secret') !== app.password)
        return json(401, { error: 'invalid_client' })
      if (form.get('scope') !== 'https://api.botframework.com/.default') return json(400, { error: 'invalid_scope' })
      const token = `bf-${randomBytes(12).toString('hex')}`
      issued.add(token)
      json(200, { token_type: 'Bearer', expires_in: 3599, access_token: token })
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const credentialsFactory = {
    isValidAppId: async (appId: string) => appId === app.appId,
    isAuthenticationDisabled: async () => false,
    async createCredentials(appId: string, audience: string | undefined, loginEndpoint: string) {
      // The real factory's login endpoint is …/botframework.com (or the tenant): ours stands at the same path.
      const tenant = new URL(loginEndpoint).pathname
      let token: { value: string; until: number } | null = null
      return {
        async signRequest(webResource: { headers: { set(k: string, v: string): void } }) {
          if (!token || Date.now() > token.until) {
            const res = await fetch(`${base}${tenant}/oauth2/v2.0/token`, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ grant_type: 'client_credentials', client_id: appId, client_secret: app.password, scope: `${audience}/.default` }),
            })
            if (!res.ok) throw new Error(`login: HTTP ${res.status}`)
            const got = (await res.json()) as { access_token: string; expires_in: number }
            token = { value: got.access_token, until: Date.now() + (got.expires_in - 300) * 1000 }
          }
          webResource.headers.set('authorization', `Bearer ${token.value}`)
          return webResource
        },
      }
    },
  } as unknown as CredentialsFactory

  return {
    issued,
    credentialsFactory,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
