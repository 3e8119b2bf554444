/**
 * The bot's own Bot Framework token — the one the CloudAdapter puts on every Connector call
 * (the same credentials factory, audience and login endpoint, so botbuilder's token cache
 * serves both) — for the calls we make ourselves: fetching an image a person pasted into a
 * Teams chat, whose contentUrl is on the Bot Framework service and refuses without it.
 */
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder'
import type { TeamsConfig } from './config.ts'

/** botbuilder's ServiceClientCredentialsFactory (not re-exported by botbuilder itself). */
export type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>

/** The public cloud's values, as ConfigurationBotFrameworkAuthentication uses them for outgoing calls. */
const TO_CHANNEL_SCOPE = 'https://api.botframework.com'
const TO_CHANNEL_LOGIN = 'https://login.microsoftonline.com/botframework.com'

/** `Bearer …` for the bot, or null when authentication is off (the Emulator has no app id). */
export function botAuthorization(cfg: TeamsConfig, factory: CredentialsFactory | null): () => Promise<string | null> {
  let credentials: ReturnType<CredentialsFactory['createCredentials']> | null = null
  return async () => {
    if (!cfg.auth || !factory) return null
    credentials ??= factory.createCredentials(cfg.appId, TO_CHANNEL_SCOPE, TO_CHANNEL_LOGIN, true)
    // ServiceClientCredentials only sign requests: let them sign a bare one and read the header.
    const headers = new Map<string, string>()
    await (await credentials).signRequest({ headers: { set: (k: string, v: string) => void headers.set(k.toLowerCase(), v) } } as never)
    return headers.get('authorization') ?? null
  }
}
