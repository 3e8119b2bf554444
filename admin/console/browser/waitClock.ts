// Live waiting times ("等待 3 分钟"): every node with data-since shows how long ago that was,
// redrawn every 10 s. The server's clock is the reference — each list answer carries its `now`,
// and the difference to this machine's clock is kept, so a skewed laptop clock shows true waits.
import type { Translate } from '../../../bot/http/browser/strings.ts'

let skewMs = 0

/** Call with the server's `now` from each answer. */
export function syncClock(serverNow: string | undefined) {
  if (serverNow) skewMs = new Date(serverNow).getTime() - Date.now()
}

export function waitText(t: Translate, since: string): string {
  const sec = Math.max(0, Math.floor((Date.now() + skewMs - new Date(since).getTime()) / 1000))
  if (sec < 60) return t('console.wait.seconds', { n: sec })
  const min = Math.floor(sec / 60)
  if (min < 60) return t('console.wait.minutes', { n: min })
  return t('console.wait.hours', { h: Math.floor(min / 60), m: min % 60 })
}

export function startWaitClock(t: Translate, root: ParentNode) {
  const tick = () => {
    for (const node of root.querySelectorAll<HTMLElement>('[data-since]')) node.textContent = waitText(t, node.dataset.since!)
  }
  setInterval(tick, 10_000)
  return tick
}
