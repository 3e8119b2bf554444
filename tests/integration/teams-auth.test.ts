// Teams token validation against a local issuer (TEAMS_OPENID_METADATA_URL): botbuilder
// fetches its OpenID configuration and keys, and a token signed with them for our app id and
// the activity's serviceUrl is accepted; a wrong issuer, audience, serviceurl, an expired token
// or a signature by another key are 401 and store nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTeamsModule } from '../../adapters/teams/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { serveChannelApp } from '../support/channels/channelApp.ts'
import { type LocalIssuer, startLocalIssuer } from '../support/channels/localIssuer.ts'
import { testRuntime } from '../support/services.ts'

const APP_ID = '00000000-0000-4000-8000-000000000002'
const SERVICE_URL = 'http://127.0.0.1:9/teams/'

describe('Teams tokens from a configured OpenID issuer', () => {
  let rt: Runtime
  let issuer: LocalIssuer
  let app: { url: string; stop(): Promise<void> }
  let n = 0
  const activity = () => ({
    type: 'message',
    id: `m${++n}`,
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    text: '怎么退货',
    from: { id: '29:issuer-user' },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:issuer-chat', conversationType: 'personal' },
  })
  const post = (token: string) =>
    fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(activity()),
    })
  const stored = async () => Number((await rt.db.query<any>(`select count(*) as n from messages where direction = 'in'`)).rows[0].n)

  beforeAll(async () => {
    issuer = await startLocalIssuer()
    rt = await testRuntime('pglite')
    app = await serveChannelApp(rt, createTeamsModule({ requestTimeoutMs: 300 }), {
      TEAMS_APP_ID: APP_ID,
      TEAMS_APP_PASSWORD: 'not-a-real-secret',
      TEAMS_OPENID_METADATA_URL: issuer.metadataUrl,
      TEAMS_TOKEN_ISSUER: issuer.issuer,
    })
  })
  afterAll(async () => {
    await app?.stop()
    await rt?.close()
    await issuer?.close()
  })

  it('refuses a wrong issuer, audience or serviceurl, an expired token and a foreign signature', async () => {
    const valid = { aud: APP_ID, serviceurl: SERVICE_URL }
    for (const token of [
      issuer.token({ ...valid, iss: 'https://api.botframework.com' }),
      issuer.token({ ...valid, aud: '00000000-0000-4000-8000-0000000000ff' }),
      issuer.token({ ...valid, serviceurl: 'https://smba.trafficmanager.net/evil/' }),
      issuer.token({ ...valid, exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 }),
      issuer.token(valid, { key: 'other' }),
    ]) {
      expect((await post(token)).status).toBe(401)
    }
    expect(await stored()).toBe(0)
  })

  it('accepts a token the issuer signed for our app id and the activity serviceUrl', async () => {
    const res = await post(issuer.token({ aud: APP_ID, serviceurl: SERVICE_URL }))
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ outcome: 'answered' })
    expect(await stored()).toBe(1)
  })
})
