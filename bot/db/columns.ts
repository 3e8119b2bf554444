/**
 * Column schemas for rows read back from either engine. PGlite and node-postgres do not
 * always agree on what a value comes back as (a Date or a string for a timestamp, a number
 * or a string for int8 and numeric outside the parsers in client.ts), so reads coerce.
 */
import { z } from 'zod'

export const at = z.coerce.date()
export const maybeAt = at.nullable()
export const int = z.coerce.number().int()
/** A text[] column; null (a left join, an aggregate over nothing) reads as empty. */
export const texts = z
  .array(z.string())
  .nullable()
  .transform((v) => v ?? [])
/** A jsonb column; a value stored as a JSON string (older rows, text written through a parameter) reads the same. */
export const jsonb = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' ? JSON.parse(v) : v), schema)
