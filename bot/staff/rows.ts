/** Rows of `staff_users` and `api_tokens`, parsed with zod where they are read (see bot/db/columns.ts). */
import { z } from 'zod'
import { localeSchema } from '../conversations/types.ts'
import { int } from '../db/columns.ts'
import { ROLES } from '../context.ts'

export const roleSchema = z.enum(ROLES)

export const staffUserRow = z.object({
  id: int,
  username: z.string(),
  display_name: z.string(),
  role: roleSchema,
  locale: localeSchema,
})

export const apiTokenRow = z.object({ id: int, name: z.string(), role: roleSchema })
