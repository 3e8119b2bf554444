/** The small lists the knowledge pages offer in their pickers: staff (owners) and tags in use. */
import type { Db } from '../../../bot/db/client.ts'

export interface Owner {
  id: number
  name: string
}

export async function listOwners(db: Db): Promise<Owner[]> {
  const r = await db.query<{ id: number; display_name: string }>('select id, display_name from staff_users where not disabled order by display_name')
  return r.rows.map((x) => ({ id: Number(x.id), name: x.display_name }))
}

export async function listTags(db: Db): Promise<string[]> {
  const r = await db.query<{ tag: string }>('select distinct unnest(tags) as tag from kb_entries order by 1')
  return r.rows.map((x) => x.tag)
}
