/** Rows of `customers`, parsed with zod where they are read (see bot/db/columns.ts for why coerced). */
import { z } from 'zod'
import { localeSchema } from '../conversations/types.ts'
import { at, int, maybeAt, texts } from '../db/columns.ts'

export const CUSTOMER_TIERS = ['standard', 'vip'] as const
export type CustomerTier = (typeof CUSTOMER_TIERS)[number]

export const customerRow = z.object({
  id: z.string(),
  name: z.string().nullable(),
  language: localeSchema.nullable(),
  tier: z.enum(CUSTOMER_TIERS),
  account_manager_id: int.nullable(),
})

/** The whole profile, as staff read and edit it. */
export const profileRow = customerRow.extend({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  tags: texts,
  notes: z
    .string()
    .nullable()
    .transform((v) => v ?? ''),
  merged_into_id: z.string().nullable(),
  merged_at: maybeAt,
  created_at: at,
  updated_at: at,
})
export type ProfileRow = z.infer<typeof profileRow>

export const identityListRow = z.object({ channel: z.string(), external_id: z.string(), display_name: z.string().nullable(), last_seen_at: at })

/** The customer_id a write on customer_identities returned, or that a read found. */
export const identityRow = z.object({ customer_id: z.string() })
