/** The rate-limit store for this process: Redis when configured (shared by replicas), else memory. */
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import { MemoryBuckets, type Buckets } from './buckets.ts'
import { RedisBuckets } from './redisBuckets.ts'

export function createBuckets(config: Pick<Config, 'REDIS_URL' | 'QUEUE_PREFIX'>, log: Logger): Buckets {
  return config.REDIS_URL ? new RedisBuckets(config.REDIS_URL, config.QUEUE_PREFIX, log) : new MemoryBuckets()
}

export type { Bucket, Buckets, Refusal, Take } from './buckets.ts'
