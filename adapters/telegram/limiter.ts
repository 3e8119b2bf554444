/**
 * Telegram's flood limits: about one message per second in a chat and thirty per second
 * overall; beyond that it answers 429. Sends for one chat run one at a time, spaced by
 * the interval, lowest order (stored message id) first — deliveries of one turn run as
 * parallel jobs, and this keeps "answer, then buttons" from arriving the other way round.
 * In-process only: with several processes Telegram's 429 + the job's retry cover the rest.
 */

interface Waiter {
  order: number
  go: () => void
}

interface Lane {
  queue: Waiter[]
  busy: boolean
  last: number
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export class SendLimiter {
  private lanes = new Map<string, Lane>()
  private recent: number[] = []

  constructor(
    private readonly chatIntervalMs: number,
    private readonly perSecond: number,
    /** How long an idle chat waits for sibling deliveries of the same turn before sending. */
    private readonly settleMs = 25,
  ) {}

  async run<T>(chat: string, order: number, fn: () => Promise<T>): Promise<T> {
    const lane = this.lanes.get(chat) ?? { queue: [], busy: false, last: -Infinity }
    this.lanes.set(chat, lane)
    await new Promise<void>((go) => {
      lane.queue.push({ order, go })
      lane.queue.sort((a, b) => a.order - b.order)
      this.pump(lane)
    })
    try {
      return await fn()
    } finally {
      lane.last = Date.now()
      lane.busy = false
      if (lane.queue.length) this.pump(lane)
      else setTimeout(() => !lane.busy && !lane.queue.length && this.lanes.get(chat) === lane && this.lanes.delete(chat), this.chatIntervalMs).unref()
    }
  }

  private pump(lane: Lane) {
    if (lane.busy) return
    lane.busy = true
    const idle = lane.last === -Infinity
    const wait = idle ? this.settleMs : Math.max(0, lane.last + this.chatIntervalMs - Date.now())
    setTimeout(async () => {
      await this.globalSlot()
      lane.queue.shift()!.go()
    }, wait)
  }

  /** A sliding one-second window over all chats. */
  private async globalSlot(): Promise<void> {
    for (;;) {
      const now = Date.now()
      while (this.recent.length && this.recent[0]! <= now - 1000) this.recent.shift()
      if (this.recent.length < this.perSecond) {
        this.recent.push(now)
        return
      }
      await sleep(this.recent[0]! + 1000 - now)
    }
  }
}
