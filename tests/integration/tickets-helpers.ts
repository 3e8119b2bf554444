/** Shared by the ticket and survey tests: a restartable runtime, staff actors, and what the customer last saw. */
import type { ManualClock } from '../../bot/clock.ts'
import { systemCtx, withActor, type Ctx } from '../../bot/context.ts'
import type { Db } from '../../bot/db/client.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { defineTicketJobs } from '../../bot/tickets/module.ts'
import { testRuntime, type DbKind } from '../support/services.ts'

/** A runtime ("process") on an existing database with the ticket jobs running; closing it is queued on `cleanup`. */
export async function bootTicketRuntime(kind: DbKind, redis: boolean, db: Db, clock: ManualClock, cleanup: (() => Promise<void>)[]): Promise<Runtime> {
  const rt = await testRuntime(kind, { db, redis, clock })
  cleanup.push(() => rt.close())
  defineTicketJobs(rt)
  await rt.jobs.start()
  return rt
}

let n = 0

export async function staff(rt: Runtime, role: 'agent' | 'supervisor' = 'agent'): Promise<Ctx & { actor: { type: 'user'; id: number } }> {
  const username = `${role}_${process.pid}_${++n}`
  const u = await createUser({ ctx: systemCtx(rt), input: { username, displayName: `${role} ${n}`, role, password: 'password-123' } })
  return withActor(rt, { type: 'user', id: u.id, username, role }) as any
}

/** Public messages the bot or staff sent to this customer (any conversation), oldest first. */
export async function toCustomer(rt: Runtime, externalUserId: string, channel = 'webchat') {
  const r = await rt.db.query<any>(
    `select m.* from messages m join conversations c on c.id = m.conversation_id
       join customer_identities i on i.customer_id = c.customer_id and i.channel = $2
      where i.external_id = $1 and m.direction = 'out' and not m.is_private order by m.id`,
    [externalUserId, channel],
  )
  return r.rows.map((m) => ({
    id: m.id,
    conversationId: m.conversation_id,
    text: m.text as string,
    buttons: (m.parts?.buttons ?? []) as { label: string; payload: string }[],
  }))
}

export async function customerIdOf(rt: Runtime, externalUserId: string): Promise<string> {
  return (await rt.db.query<any>('select customer_id from customer_identities where external_id = $1', [externalUserId])).rows[0].customer_id
}
