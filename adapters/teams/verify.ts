/**
 * Bot Framework authentication, by botbuilder itself: every POST /api/messages carries a
 * JWT signed by the Bot Connector (or the Emulator) whose audience is our app id; the
 * ConfigurationBotFrameworkAuthentication checks issuer, signature (Microsoft's published
 * keys), audience, expiry and that the token was issued for the activity's serviceUrl.
 * The same object gives the CloudAdapter its credentials for replies.
 *
 * A missing or bad token is a 401 and nothing is stored. When we could not even fetch
 * Microsoft's signing keys, that is our problem, not the caller's: 503, so the Connector
 * retries; the answer names no internal detail (the log has it). TEAMS_AUTH=off skips the check, as the Emulator does without an app id.
 * TEAMS_OPENID_METADATA_URL (and TEAMS_TOKEN_ISSUER) point the check at another issuer:
 * botbuilder then takes every endpoint as given, so the others keep the public cloud's values.
 */
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type Activity } from 'botbuilder'
import { Unauthorized, Unavailable } from '../../bot/errors.ts'
import type { CredentialsFactory } from './botToken.ts'
import type { TeamsConfig } from './config.ts'

/** `credentialsFactory` replaces botbuilder's own (MSAL against Microsoft Entra) — tests pass one for a local login server. */
export function botAuthentication(
  cfg: TeamsConfig,
  credentialsFactory?: CredentialsFactory,
): { auth: ConfigurationBotFrameworkAuthentication; credentials: CredentialsFactory } {
  const settings = {
    MicrosoftAppId: cfg.appId,
    MicrosoftAppPassword: cfg.appPassword,
    MicrosoftAppType: cfg.tenantId ? 'SingleTenant' : 'MultiTenant',
    MicrosoftAppTenantId: cfg.tenantId ?? undefined,
    ...(cfg.openIdMetadataUrl ? customIssuer(cfg.openIdMetadataUrl, cfg.tokenIssuer) : {}),
  }
  const credentials = credentialsFactory ?? new ConfigurationServiceClientCredentialFactory(settings)
  return { auth: new ConfigurationBotFrameworkAuthentication(settings, credentials), credentials }
}

/** botframework-connector's AuthenticationConstants for the public cloud (botbuilder does not re-export them). */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
}

function customIssuer(openIdMetadataUrl: string, issuer: string | null) {
  return {
    ...PUBLIC_CLOUD,
    ValidateAuthority: true,
    ToBotFromChannelTokenIssuer: issuer ?? PUBLIC_CLOUD.ToBotFromChannelTokenIssuer,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  }
}

/** Throws Unauthorized unless the request carries a valid Bot Framework token for this activity. */
export async function verifyActivity(auth: ConfigurationBotFrameworkAuthentication | null, activity: Activity, header: string | undefined): Promise<void> {
  if (!auth) return // TEAMS_AUTH=off
  if (!header?.trim()) throw new Unauthorized('Missing Bot Framework token.')
  // The Connector and the Emulator sign with RS256 and name the key; anything else is refused
  // here, without fetching Microsoft's keys for a token that cannot be valid.
  const alg = jwtHeader(header)?.alg
  if (alg !== 'RS256') throw new Unauthorized('The Bot Framework token is not valid.')
  try {
    await auth.authenticateRequest(activity, header)
  } catch (err) {
    const e = err as { statusCode?: number; name?: string; message?: string }
    // botbuilder's AuthenticationError carries the status; jsonwebtoken's own errors mean a bad token too.
    if (e.statusCode === 401 || e.statusCode === 403 || /^(AuthenticationError|JsonWebTokenError|TokenExpiredError|NotBeforeError)$/.test(e.name ?? '')) {
      throw new Unauthorized('The Bot Framework token is not valid.')
    }
    // The reason (Microsoft's key URL, a DNS error) is ours to read in the log, not the caller's.
    throw Object.assign(new Unavailable('The Bot Framework token cannot be checked right now; try again shortly.'), { cause: err })
  }
}

/** Header-only pre-check, before the body is read: with authentication on, no token means no entry. */
export function requireBearer(auth: ConfigurationBotFrameworkAuthentication | null, header: string | undefined): void {
  if (auth && !/^Bearer\s+\S+/i.test(header ?? '')) throw new Unauthorized('Missing Bot Framework token.')
}

function jwtHeader(authorization: string): { alg?: string; kid?: string } | null {
  const token = authorization.match(/^Bearer\s+([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/i)?.[1]
  if (!token) return null
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    return null
  }
}
