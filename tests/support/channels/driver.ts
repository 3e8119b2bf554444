/**
 * One customer on one channel, driven through that channel's real protocol (the vendor's
 * test server or documented payloads), for the shared journey table in
 * tests/e2e/channels-journey.test.ts. Each adapter provides one driver.
 */
import type { Runtime } from '../../../bot/runtime.ts'

export interface SeenMessage {
  text: string
  /** Button labels as the customer sees them (inline keyboard, card actions, numbered text…). */
  buttons: string[]
}

export interface CustomerOnChannel {
  /** Type a message. */
  say(text: string): Promise<void>
  /** Press a button by its label (or type its number where the channel has no buttons). */
  press(label: string): Promise<void>
  /** Wait until the customer has received a message matching `match`; returns it. */
  receive(match: RegExp, timeoutMs?: number): Promise<SeenMessage>
}

export interface ChannelDriver {
  channel: 'webchat' | 'wechat' | 'wechaty' | 'telegram' | 'teams'
  /** Start whatever plays the platform (test server, connector capture) against the app in `rt`. */
  start(rt: Runtime): Promise<void>
  newCustomer(): Promise<CustomerOnChannel>
  stop(): Promise<void>
}
