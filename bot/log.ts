/**
 * Logs through pino. On a terminal (LOG_FORMAT=auto, not production) each event is one readable
 * line — "17:30:01 INFO  kefu is serving  port=3000 database=pglite" — written by a small
 * formatter in this process (no transport thread, no extra package); anywhere else (a pipe, a
 * file, Docker, production, LOG_FORMAT=json) pino's JSON lines, for machines to read.
 * Request handlers use a child logger carrying the request id.
 */
import { pino, type DestinationStream, type Logger } from 'pino'
import type { Config } from './config.ts'

type LogConfig = Pick<Config, 'LOG_LEVEL'> & Partial<Pick<Config, 'LOG_FORMAT' | 'NODE_ENV'>>

export function createLogger(config: LogConfig, out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout): Logger {
  const options = { level: config.LOG_LEVEL, base: { app: 'kefu' } }
  return prettyWanted(config, out) ? pino(options, prettyStream(out, !!out.isTTY)) : pino(options, out as DestinationStream)
}

export function prettyWanted(config: LogConfig, out: { isTTY?: boolean }): boolean {
  const format = config.LOG_FORMAT ?? 'auto'
  if (format !== 'auto') return format === 'pretty'
  return !!out.isTTY && config.NODE_ENV !== 'production'
}

const LEVELS: Record<number, [name: string, colour: number]> = {
  10: ['TRACE', 90],
  20: ['DEBUG', 36],
  30: ['INFO ', 32],
  40: ['WARN ', 33],
  50: ['ERROR', 31],
  60: ['FATAL', 35],
}
const SKIP = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'app', 'err'])

/** One JSON line from pino → "HH:MM:SS LEVEL message  key=value …", the error's stack below it. */
export function prettyLine(json: string, colour: boolean): string {
  let e: Record<string, unknown>
  try {
    e = JSON.parse(json)
  } catch {
    return json
  }
  const paint = (code: number, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text)
  const [name, code] = LEVELS[Number(e.level)] ?? ['LOG  ', 0]
  const time = new Date(Number(e.time)).toTimeString().slice(0, 8)
  const fields = Object.entries(e)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ')
  const err = e.err as { stack?: string; message?: string } | undefined
  const stack = err ? `\n${err.stack ?? err.message ?? ''}` : ''
  return `${paint(90, time)} ${paint(code, name)} ${e.msg ?? ''}${fields ? `  ${paint(90, fields)}` : ''}${stack}\n`
}

function prettyStream(out: NodeJS.WritableStream, colour: boolean): DestinationStream {
  return { write: (line: string) => void out.write(prettyLine(line.trimEnd(), colour)) }
}
