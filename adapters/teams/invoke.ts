/**
 * Teams `invoke` activities expect an InvokeResponse in the HTTP answer itself (botbuilder's
 * InvokeResponse: the HTTP status is its `status`, the body its `body`); without one Teams
 * shows the customer "something went wrong" on the card. A card button pressed as
 * Action.Execute arrives as invoke `adaptiveCard/action` with our data in value.action.data:
 * it is read like an Action.Submit press and answered with the Universal Actions message
 * response (statusCode 200, type application/vnd.microsoft.activity.message). Invokes we do
 * not handle get 501, as botbuilder's ActivityHandler answers them.
 */
import type { InboundMessage } from '../../bot/conversations/types.ts'
import { type TeamsActivity, toInbound } from './inbound.ts'

export interface InvokeResponse {
  status: number
  body?: unknown
}

export const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action'

/** A card press carried by an invoke, as the same InboundMessage an Action.Submit gives; null for any other invoke. */
export function invokeToInbound(a: TeamsActivity): InboundMessage | null {
  if (a.type !== 'invoke' || a.name !== ADAPTIVE_CARD_ACTION) return null
  const data = (a.value as { action?: { data?: { kefu?: unknown } } } | undefined)?.action?.data
  return typeof data?.kefu === 'string' ? toInbound({ ...a, type: 'message', value: data }) : null
}

/** What Teams gets back for an invoke: `handled` when it was a card press we took (or had taken already). */
export function invokeResponse(a: TeamsActivity, handled: boolean): InvokeResponse {
  if (a.name === ADAPTIVE_CARD_ACTION && handled) {
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '收到 / Received' } }
  }
  if (a.name === ADAPTIVE_CARD_ACTION) {
    return {
      status: 200,
      body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: '无法识别这个按钮 / Unknown button' } },
    }
  }
  return { status: 501 }
}
