/** What a knowledge entry is, as input (validated) and as read back. */
import { z } from 'zod'
import { ENTRY_ID_PATTERN, ENTRY_LIMITS as MAX } from './limits.ts'

const text = (max: number) => z.string().trim().min(1).max(max)

export const answerExtras = z
  .object({
    links: z
      .array(z.object({ title: text(200), url: z.url() }))
      .max(10)
      .default([]),
    images: z.array(z.url()).max(10).default([]),
    buttons: z
      .array(z.object({ label: text(MAX.buttonLabel), reply: z.string().trim().max(200).optional() }))
      .max(MAX.buttons)
      .default([]),
  })
  .partial()

export const entryFields = z.object({
  question: text(MAX.question),
  similarQuestions: z.array(z.string().trim().max(MAX.similar)).max(200).default([]),
  answer: text(20_000),
  answerExtras: answerExtras.default({}),
  channelAnswers: z.partialRecord(z.enum(['webchat', 'wechat', 'wechaty', 'telegram', 'teams']), z.string().trim().max(20_000)).default({}),
  // ">" separates levels in import and export cells (import/cell-lists.ts); a level holding it could not come back.
  categoryPath: z
    .array(text(100).refine((level) => !level.includes('>'), 'a category level cannot contain ">"'))
    .max(3, 'a category path has at most 3 levels')
    .default([]),
  tags: z.array(text(MAX.tag)).max(50).default([]),
  status: z.enum(['draft', 'published']).default('draft'),
  validFrom: z.coerce.date().nullable().default(null),
  validTo: z.coerce.date().nullable().default(null),
  ownerId: z.number().int().positive().nullable().default(null),
})

export const entryId = z.string().trim().min(1).max(MAX.idMax).regex(ENTRY_ID_PATTERN, 'letters, digits, and . : - _')

export const createEntryInput = entryFields
  .extend({ id: entryId.optional() })
  .refine((e) => !e.validFrom || !e.validTo || e.validFrom < e.validTo, { message: 'validFrom must be before validTo', path: ['validTo'] })

/** The fields without their defaults: an update changes only what it names. */
const changedFields = z.object(
  Object.fromEntries(Object.entries(entryFields.shape).map(([k, v]) => [k, (v instanceof z.ZodDefault ? v.unwrap() : v).optional()])) as unknown as {
    [K in keyof typeof entryFields.shape]: z.ZodOptional<z.ZodType<z.output<(typeof entryFields.shape)[K]>, z.input<(typeof entryFields.shape)[K]>>>
  },
)

/** An update names the version it was based on: a stale version is a conflict, not a silent overwrite. */
export const updateEntryInput = changedFields.extend({ version: z.number().int().positive() })

export type EntryFields = z.infer<typeof entryFields>

export interface Entry extends EntryFields {
  id: string
  version: number
  createdAt: Date
  updatedAt: Date
  updatedBy: string | null
}

/** Similar questions: trimmed, no empties, no repeats, never the standard question itself. */
export function cleanSimilar(question: string, similar: string[]): string[] {
  const seen = new Set([question.trim()])
  const out: string[] = []
  for (const s of similar.map((x) => x.trim())) {
    if (s && !seen.has(s)) {
      seen.add(s)
      out.push(s)
    }
  }
  return out
}
