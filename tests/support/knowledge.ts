/** The demo knowledge base, imported and indexed, as most tests start from it. */
import type { Services } from '../../bot/context.ts'
import { seedDemoKnowledge } from '../../knowledge/demo/seedKnowledge.ts'
import { reindexAll } from '../../knowledge/jobs.ts'

export async function seedKnowledge(services: Services): Promise<number> {
  const seeded = await seedDemoKnowledge(services)
  await reindexAll(services)
  return seeded
}
