/**
 * Teams settings from the one configuration object (bot/config.ts). The channel is on
 * when TEAMS_APP_ID is set, or when TEAMS_AUTH=off (local testing with the Bot Framework
 * Emulator, which has no app id). With authentication on, the password is required:
 * without it the bot could neither check tokens nor get one to reply.
 */
import type { Config } from '../../bot/config.ts'
import type { CredentialsFactory } from './botToken.ts'

export interface TeamsConfig {
  /** '' when authentication is off. */
  appId: string
  appPassword: string
  /** Set for a single-tenant bot (the kind Azure creates today); null = multi-tenant. */
  tenantId: string | null
  auth: boolean
  /** Where the keys that sign the Connector's tokens are published, and the issuer they carry; null = Microsoft's public cloud. */
  openIdMetadataUrl: string | null
  tokenIssuer: string | null
  /** Give up on one Connector call after this long (the job retries later). */
  requestTimeoutMs: number
}

export type TeamsOptions = Partial<Pick<TeamsConfig, 'requestTimeoutMs'>> & {
  /** Where the bot gets its own token; default botbuilder's (Microsoft Entra). Tests use a local login server. */
  credentialsFactory?: CredentialsFactory
}

export const MESSAGES_PATH = '/api/messages'

/** null when Teams is not configured (the module then does nothing). */
export function teamsConfig(config: Config, options: TeamsOptions = {}): TeamsConfig | null {
  const auth = config.TEAMS_AUTH !== 'off'
  if (auth && !config.TEAMS_APP_ID) return null
  if (auth && !config.TEAMS_APP_PASSWORD) throw new Error('TEAMS_APP_PASSWORD is required with TEAMS_APP_ID (the client secret of the Azure app registration).')
  return {
    appId: auth ? config.TEAMS_APP_ID! : '',
    appPassword: auth ? config.TEAMS_APP_PASSWORD! : '',
    tenantId: config.TEAMS_TENANT_ID ?? null,
    auth,
    openIdMetadataUrl: config.TEAMS_OPENID_METADATA_URL ?? null,
    tokenIssuer: config.TEAMS_TOKEN_ISSUER ?? null,
    requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
  }
}
