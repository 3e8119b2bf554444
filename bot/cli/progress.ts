/** A progress bar on a terminal; plain log lines when output is not a TTY (CI, pipes). */
import { SingleBar, Presets } from 'cli-progress'

export interface Progress {
  update(done: number, total: number, label?: string): void
  stop(): void
}

export function progress(title: string): Progress {
  if (!process.stderr.isTTY) {
    let lastPct = -1
    return {
      update(done, total, label) {
        const pct = total ? Math.floor((done / total) * 10) * 10 : 100
        if (pct !== lastPct) process.stderr.write(`${title}: ${done}/${total}${label ? ` ${label}` : ''}\n`)
        lastPct = pct
      },
      stop() {},
    }
  }
  const bar = new SingleBar({ format: `${title} [{bar}] {value}/{total} {label}`, stream: process.stderr }, Presets.shades_classic)
  let started = false
  return {
    update(done, total, label = '') {
      if (!started) bar.start(total, 0, { label })
      started = true
      bar.setTotal(total)
      bar.update(done, { label })
    },
    stop() {
      if (started) bar.stop()
    },
  }
}
