// Images pasted into a Teams chat come as an image attachment whose contentUrl is on the Bot
// Framework service (…/v3/attachments/{id}/views/original) and need the bot's token
// (Microsoft: "Receive inline images"). With authentication on: the Connector stand-in refuses
// every call without the bot's token (issued by a local login server through the OAuth
// client-credentials grant); activities are signed by a local OpenID issuer. The token goes
// to the activity's service URL only — never to another host an attachment names.
import { createHash } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTeamsModule } from '../../adapters/teams/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { serveChannelApp, type ChannelApp } from '../support/channels/channelApp.ts'
import { type LocalIssuer, startLocalIssuer } from '../support/channels/localIssuer.ts'
import { FakeConnector, seen } from '../support/channels/teams.ts'
import { type LocalLogin, startLocalLogin } from '../support/channels/teamsLogin.ts'
import { pngLabelled } from '../support/media.ts'
import { testRuntime } from '../support/services.ts'

const APP = { appId: '00000000-0000-4000-8000-000000000003', password: 'local-client-secret' }
const fileIdOf = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

describe('Teams inline images need the bot token', () => {
  let rt: Runtime
  let issuer: LocalIssuer
  let login: LocalLogin
  const connector = new FakeConnector()
  let app: ChannelApp
  // Another host, as a customer-controlled URL would be: it records what reaches it.
  const elsewhere: IncomingHttpHeaders[] = []
  let elsewhereUrl = ''
  // A server inside the network that no attachment may make Kefu read (a metadata service, say).
  const inside: string[] = []
  let insideUrl = ''
  const intranet = createServer((req, res) => {
    inside.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(pngLabelled('intranet')))
  })
  const other = createServer((req, res) => {
    elsewhere.push(req.headers)
    res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(pngLabelled('elsewhere')))
  })
  let n = 0

  beforeAll(async () => {
    issuer = await startLocalIssuer()
    login = await startLocalLogin(APP)
    await connector.start()
    connector.acceptToken = (t) => login.issued.has(t)
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r))
    elsewhereUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`
    await new Promise<void>((r) => intranet.listen(0, '127.0.0.1', r))
    insideUrl = `http://127.0.0.1:${(intranet.address() as AddressInfo).port}`
    rt = await testRuntime('pglite')
    app = await serveChannelApp(rt, createTeamsModule({ requestTimeoutMs: 5000, credentialsFactory: login.credentialsFactory }), {
      TEAMS_APP_ID: APP.appId,
      TEAMS_APP_PASSWORD: APP.password,
      TEAMS_OPENID_METADATA_URL: issuer.metadataUrl,
      TEAMS_TOKEN_ISSUER: issuer.issuer,
      // Stands for SharePoint: the one other server attachments may come from.
      TEAMS_MEDIA_HOSTS: [new URL(elsewhereUrl).host],
    })
    await rt.jobs.start()
  })
  afterAll(async () => {
    await app?.stop()
    await rt?.close()
    await connector.stop()
    await new Promise<void>((r) => other.close(() => r()))
    await new Promise<void>((r) => intranet.close(() => r()))
    await login?.close()
    await issuer?.close()
  })

  /** A message activity from a person in a personal chat, signed by the Connector's issuer for our app and its serviceUrl. */
  const post = (user: string, attachments: unknown[]) => {
    const activity = {
      type: 'message',
      id: `img-${++n}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: `29:${user}`, name: '顾客' },
      recipient: { id: `28:${APP.appId}`, name: 'Kefu' },
      conversation: { id: `a:${user}`, conversationType: 'personal', tenantId: 'tenant-1' },
      text: '',
      attachments,
    }
    return fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${issuer.token({ aud: APP.appId, serviceurl: connector.url })}` },
      body: JSON.stringify(activity),
    })
  }
  const storedMedia = async (user: string) =>
    (
      await rt.db.query<any>(
        `select m.parts->'media' as media from messages m join conversations c on c.id = m.conversation_id
           join customer_identities i on i.customer_id = c.customer_id where i.external_id = $1 and m.direction = 'in' order by m.id`,
        [`29:${user}`],
      )
    ).rows.map((r) => r.media)

  it('the stand-in refuses an attachment download without the token', async () => {
    const url = connector.addAttachment('probe', pngLabelled('probe'), 'image/png')
    expect((await fetch(url)).status).toBe(401)
    expect(connector.refused).toHaveLength(1)
    connector.refused.length = 0
  })

  it('fetches a pasted image from the service URL with the bot token, keeps it, and answers with the token too', async () => {
    const png = pngLabelled('pasted-damage')
    const contentUrl = connector.addAttachment('0-eus-d1-pasted', png, 'image/png')
    const res = await post('pasted', [
      { contentType: 'image/*', contentUrl },
      { contentType: 'text/html', content: `<p><img src="${connector.url}v1/objects/0-eus-d1-pasted/views/imgo"></p>` },
    ])
    expect(res.status).toBe(200)
    const [media] = await storedMedia('pasted')
    expect(media).toMatchObject({ type: 'image', fileId: fileIdOf(png), contentType: 'image/png' })
    const file = (await rt.db.query<any>('select size from media_files where id = $1', [media.fileId])).rows[0]
    expect(file?.size).toBe(png.byteLength)
    const sentWith = connector.attachmentAuth.at(-1)
    expect(sentWith).toMatch(/^Bearer bf-/)
    expect(login.issued.has(sentWith!.slice('Bearer '.length))).toBe(true)
    // The bot's answer to a bare photo reaches the chat through the same token.
    await expect
      .poll(
        () =>
          connector
            .to('a:pasted')
            .map((s) => seen(s.activity).text)
            .join('\n'),
        { timeout: 10_000 },
      )
      .toMatch(/图片|照片/)
    expect(connector.refused).toEqual([])
  })

  it('never sends the token to another host an attachment names', async () => {
    const before = connector.attachmentAuth.length
    const res = await post('elsewhere', [{ contentType: 'image/png', contentUrl: `${elsewhereUrl}/v3/attachments/x/views/original` }])
    expect(res.status).toBe(200)
    expect(elsewhere).toHaveLength(1)
    expect(elsewhere[0]!.authorization).toBeUndefined()
    expect(connector.attachmentAuth.length).toBe(before)
    // A shared file's pre-authorised downloadUrl gets no token either.
    const shared = await post('shared-file', [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        name: '发票.png',
        content: { downloadUrl: `${elsewhereUrl}/personal/file.png`, fileType: 'png' },
      },
    ])
    expect(shared.status).toBe(200)
    expect(elsewhere).toHaveLength(2)
    expect(elsewhere[1]!.authorization).toBeUndefined()
    expect((await storedMedia('shared-file'))[0]).toMatchObject({ type: 'file', fileId: fileIdOf(pngLabelled('elsewhere')) })
  })

  it('never downloads from a host outside the service URL and TEAMS_MEDIA_HOSTS, and keeps the message', async () => {
    const res = await post('intranet', [{ contentType: 'image/png', contentUrl: `${insideUrl}/latest/meta-data/iam/security-credentials/`, name: '照片.png' }])
    expect(res.status).toBe(200)
    expect(inside).toEqual([])
    const [media] = await storedMedia('intranet')
    expect(media).toMatchObject({ type: 'image' })
    expect(media.fileId).toBeUndefined()
  })
})
