/**
 * Long polling, for development (no public URL needed). One loop asks getUpdates for the
 * next updates and runs each through the same pipeline as the webhook. Telegram forgets
 * an update only when a later call passes a higher offset, so an update whose turn failed
 * (database down) is asked for again after a pause; an update we cannot read at all is
 * logged and skipped rather than blocking the chat forever.
 * Only one process may poll one bot token (Telegram answers 409 to a second).
 */
import type { Services } from '../../bot/context.ts'
import { ValidationError } from '../../bot/errors.ts'
import type { TelegramConfig } from './config.ts'
import { apiSignal, type Telegram } from './api.ts'
import { ALLOWED_UPDATES } from './inbound.ts'
import { handleUpdate } from './updates.ts'

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((r) => {
    const t = setTimeout(r, ms)
    signal.addEventListener('abort', () => (clearTimeout(t), r()), { once: true })
  })

export interface Poller {
  stop(): Promise<void>
}

export function startPolling(services: Services, api: Telegram, cfg: TelegramConfig): Poller {
  const stopping = new AbortController()
  const log = services.log.child({ channel: 'telegram', mode: 'polling' })
  const loop = (async () => {
    let offset = 0
    let failures = 0
    // getUpdates is refused while a webhook is set: polling replaces it.
    await api.callApi('deleteWebhook', {}, { signal: apiSignal(stopping.signal) }).catch((err) => log.warn({ err: String(err) }, 'deleteWebhook failed'))
    while (!stopping.signal.aborted) {
      const started = Date.now()
      try {
        const signal = AbortSignal.any([stopping.signal, AbortSignal.timeout((cfg.pollTimeoutSec + 10) * 1000)])
        const updates = (await api.callApi(
          'getUpdates',
          { offset, timeout: cfg.pollTimeoutSec, allowed_updates: [...ALLOWED_UPDATES] },
          { signal: apiSignal(signal) },
        )) as { update_id: number }[]
        for (const u of updates) {
          if (stopping.signal.aborted) break
          try {
            await handleUpdate(services, api, u)
          } catch (err) {
            if (!(err instanceof ValidationError)) throw err
            log.warn({ updateId: u.update_id, err: err.details }, 'skipped an update we cannot read')
          }
          offset = u.update_id + 1
        }
        failures = 0
        // A server that answers at once with nothing (not a real long poll) must not spin the CPU.
        if (!updates.length && Date.now() - started < 200) await sleep(250, stopping.signal)
      } catch (err) {
        if (stopping.signal.aborted) break
        failures++
        log.warn({ err: String((err as Error)?.message ?? err), failures }, 'telegram polling failed; retrying')
        await sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)), stopping.signal)
      }
    }
  })()
  return {
    async stop() {
      stopping.abort()
      await loop
    },
  }
}
