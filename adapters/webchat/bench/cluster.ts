/**
 * The production layout for bench:chat --replicas N: N `kefu start --no-worker` processes
 * and one `kefu worker` on one PostgreSQL and one Redis. The first replica migrates and
 * seeds the demo; the rest start beside it. Requests are spread with no stickiness: each
 * one goes to a replica picked at random, as behind the compose nginx.
 */
import pg from 'pg'
import { channelMessageId } from '../inbound.ts'
import { freePort, startKefu, type Child } from './server.ts'

export interface Cluster {
  urls: string[]
  /** Every Kefu process (replicas and worker), for the CPU meter. */
  pids: number[]
  pick(): string
  stop(): Promise<void>
}

export async function startCluster(opts: { databaseUrl: string; redisUrl: string; replicas: number }): Promise<Cluster> {
  // A prefix of its own: jobs and events of an earlier run never reach this one.
  const env = { REDIS_URL: opts.redisUrl, QUEUE_PREFIX: `bench${Date.now().toString(36)}` }
  const started: Child[] = []
  const start = async (args: string[], seed: boolean) => {
    const c = await startKefu({ databaseUrl: opts.databaseUrl, port: await freePort(), args, env: { ...env, SEED_DEMO: String(seed) } })
    started.push(c)
    return c
  }
  try {
    const first = await start(['start', '--no-worker'], true)
    const rest = await Promise.all(Array.from({ length: opts.replicas - 1 }, () => start(['start', '--no-worker'], false)))
    await start(['worker'], false)
    const urls = [first, ...rest].map((c) => c.url)
    return {
      urls,
      pids: started.map((c) => c.pid),
      pick: () => urls[Math.floor(Math.random() * urls.length)]!,
      stop: async () => void (await Promise.all(started.map((c) => c.stop()))),
    }
  } catch (err) {
    await Promise.all(started.map((c) => c.stop()))
    throw err
  }
}

/** A message the server acknowledged (200), by visitor and the widget's client id. */
export interface Acked {
  visitorId: string
  clientId: string
  /** Replies the POST answered with (none while a person has the conversation). */
  replies: number
}

/**
 * From the database after a run: of the acknowledged messages, how many are not stored
 * (lost), stored more than once, unanswered (the POST returned replies but no bot reply of
 * that turn is stored: the turn stores its replies with the customer message's time), or
 * answered more than once (the same reply
 * twice for one message).
 */
export async function auditReplies(databaseUrl: string, acked: Acked[]) {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    const ids = acked.map((a) => channelMessageId(a.visitorId, a.clientId))
    const replied = acked.filter((a) => a.replies > 0).map((a) => channelMessageId(a.visitorId, a.clientId))
    const { rows } = await c.query<{ stored: number; unanswered: number; answered_twice: number; distinct_ids: number }>(
      `with m as (
         select id, conversation_id, created_at, channel_message_id from messages
          where channel = 'webchat' and channel_message_id = any($1)
       ), r as (
         select m.id, m.channel_message_id, count(o.id) as replies, count(o.id) - count(distinct (o.kind, o.text)) as repeated
           from m left join messages o on o.conversation_id = m.conversation_id and o.direction = 'out'
            and o.sender_type = 'bot' and o.created_at = m.created_at
          group by m.id, m.channel_message_id
       )
       select (select count(*) from m)::int as stored,
              (select count(distinct channel_message_id) from m)::int as distinct_ids,
              (select count(*) from r where replies = 0 and channel_message_id = any($2))::int as unanswered,
              (select count(*) from r where repeated > 0)::int as answered_twice`,
      [ids, replied],
    )
    const r = rows[0]!
    return {
      acknowledged: acked.length,
      lost: acked.length - r.distinct_ids,
      storedTwice: r.stored - r.distinct_ids,
      unanswered: r.unanswered,
      answeredTwice: r.answered_twice,
    }
  } finally {
    await c.end()
  }
}
