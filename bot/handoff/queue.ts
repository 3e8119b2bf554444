/** Names of staff as customers see them ("李坐席 is with you now"). */
import type { Db } from '../db/client.ts'

export async function staffName(db: Db, userId: number): Promise<string> {
  const r = await db.query<{ display_name: string }>('select display_name from staff_users where id = $1', [userId])
  return r.rows[0]?.display_name ?? String(userId)
}
