/**
 * A local token issuer in the Bot Connector's place: an OpenID configuration and a JWKS
 * served over HTTP (its key endorsed for msteams, as Microsoft publishes them), and RS256
 * tokens signed with its own key by node:crypto — so Teams token validation runs for real
 * (botbuilder fetches the keys, checks signature, issuer, audience, expiry, serviceurl).
 */
import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface LocalIssuer {
  /** TEAMS_OPENID_METADATA_URL for the app. */
  metadataUrl: string
  issuer: string
  /** A signed token; `claims` override the valid ones, `key: 'other'` signs with a key the JWKS does not hold. */
  token(claims: Record<string, unknown>, opts?: { key?: 'ours' | 'other' }): string
  close(): Promise<void>
}

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')

export async function startLocalIssuer(): Promise<LocalIssuer> {
  const ours = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const kid = randomBytes(6).toString('hex')
  const jwk = ours.publicKey.export({ format: 'jwk' })
  let base = ''
  const server = createServer((req, res) => {
    const json = (body: object) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    if (req.url === '/.well-known/openid-configuration')
      return json({ issuer: `${base}/issuer`, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] })
    if (req.url === '/keys') return json({ keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] })
    res.writeHead(404).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    metadataUrl: `${base}/.well-known/openid-configuration`,
    issuer: `${base}/issuer`,
    token(claims, opts = {}) {
      const now = Math.floor(Date.now() / 1000)
      const body = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64({ iss: `${base}/issuer`, nbf: now - 60, iat: now - 60, exp: now + 600, ...claims })}`
      const signature = createSign('RSA-SHA256')
        .update(body)
        .sign(opts.key === 'other' ? other.privateKey : ours.privateKey)
        .toString('base64url')
      return `${body}.${signature}`
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
