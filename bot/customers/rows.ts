/** Rows of `customers`, parsed with zod where they are read (see bot/db/columns.ts for why coerced). */
import { z } from 'zod'
import { localeSchema } from '../conversations/types.ts'
import { int } from '../db/columns.ts'

export const CUSTOMER_TIERS = ['standard', 'vip'] as const

export const customerRow = z.object({
  id: z.string(),
  name: z.string().nullable(),
  language: localeSchema.nullable(),
  tier: z.enum(CUSTOMER_TIERS),
  account_manager_id: int.nullable(),
})

/** The customer_id a write on customer_identities returned, or that a read found. */
export const identityRow = z.object({ customer_id: z.string() })
