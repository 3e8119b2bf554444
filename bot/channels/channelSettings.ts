/**
 * A channel's run-time settings (bot/settings.ts, `channels.<channel>`): who answers first,
 * the welcome text, 👍 / 👎 under answers, and the web chat's look. Read on each use, so a
 * change saved in the panel holds for the next message on every instance, with no restart.
 * Secrets, tokens and webhook URLs are not here: they are configuration (restart-only).
 */
import type { Channel, Locale } from '../conversations/types.ts'
import type { Db } from '../db/client.ts'
import { getSetting, type SettingValue } from '../settings.ts'
import { say } from '../turn/phrases.ts'

export type ChannelSettings = SettingValue<'channels.telegram'>
export type WebchatSettings = SettingValue<'channels.webchat'>

export const channelSettings = (db: Db, channel: Channel): Promise<ChannelSettings> => getSetting(db, `channels.${channel}`)
export const webchatSettings = (db: Db): Promise<WebchatSettings> => getSetting(db, 'channels.webchat')

/** The admin's welcome for this channel, or the built-in one. */
export const greetingText = (s: ChannelSettings, locale: Locale): string => s.greeting[locale] || say('greeting', locale)

export async function channelGreeting(db: Db, channel: Channel, locale: Locale): Promise<string> {
  return greetingText(await channelSettings(db, channel), locale)
}
