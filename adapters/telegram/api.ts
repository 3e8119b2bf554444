/**
 * The Bot API client. telegraf types its abort signal with the old `abort-controller`
 * package; Node's own AbortSignal is what node-fetch checks at run time, so it is passed
 * through with this one cast. Every call carries a deadline: telegraf's default is
 * 500 s, far too long for a job that should give up and retry.
 */
import { Telegram } from 'telegraf'

type CallSignal = NonNullable<Parameters<Telegram['callApi']>[2]>['signal']

export const apiSignal = (s: AbortSignal) => s as unknown as CallSignal
export const deadline = (ms: number) => apiSignal(AbortSignal.timeout(ms))

export const createApi = (token: string, apiRoot: string) => new Telegram(token, { apiRoot })
export type { Telegram }
