/** JSON logs through pino; request handlers use a child logger carrying the request id. */
import { pino, type Logger } from 'pino'
import type { Config } from './config.ts'

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({ level: config.LOG_LEVEL, base: { app: 'kefu' } })
}
