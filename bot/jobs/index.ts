/** Pick the job driver from configuration: BullMQ when REDIS_URL is set, else in-process. */
import type { Config } from '../config.ts'
import type { JobsDeps } from './base.ts'
import { BullJobs } from './bullmq.ts'
import { InProcessJobs } from './inprocess.ts'
import type { Jobs } from './types.ts'

export function createJobs(config: Pick<Config, 'REDIS_URL' | 'QUEUE_PREFIX'>, deps: JobsDeps, consume = true): Jobs {
  if (config.REDIS_URL) return new BullJobs(deps, { redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, consume })
  return new InProcessJobs(deps)
}

export type { Jobs, JobHandler, EnqueueOptions } from './types.ts'
export { UnrecoverableError } from './types.ts'
