/** Rows of `surveys`, parsed with zod where they are read (see bot/db/columns.ts for why coerced). */
import { z } from 'zod'
import { at, int, maybeAt } from '../db/columns.ts'

export const SCALES = ['three', 'five'] as const
export const LEVELS = ['satisfied', 'basic', 'dissatisfied'] as const
export const SURVEY_STATUSES = ['scheduled', 'sent', 'answered', 'expired', 'cancelled'] as const

/** The columns every survey has; what it asks about is below. */
export const surveyColumns = z.object({
  id: int,
  round: int,
  customer_id: z.string(),
  conversation_id: int.nullable(),
  channel: z.string().nullable(),
  agent_id: int.nullable(),
  team: z.string().nullable(),
  kb_entry_id: z.string().nullable(),
  scale: z.enum(SCALES),
  status: z.enum(SURVEY_STATUSES),
  score: int.nullable(),
  level: z.enum(LEVELS).nullable(),
  comment: z.string().nullable(),
  outcome: z.string().nullable(),
  send_at: at,
  sent_at: maybeAt,
  expires_at: maybeAt,
  answered_at: maybeAt,
  created_at: at,
})

// A survey asks about a conversation or a ticket, and has that one's id (both cascade on delete).
export const surveyRow = z.discriminatedUnion('subject_type', [
  surveyColumns.extend({ subject_type: z.literal('conversation'), subject_conversation_id: int, ticket_id: z.null() }),
  surveyColumns.extend({ subject_type: z.literal('ticket'), subject_conversation_id: z.null(), ticket_id: int }),
])
export type SurveyRow = z.infer<typeof surveyRow>

/** The row, or null when there is none. */
export const surveyOrNull = (row: unknown): SurveyRow | null => (row ? surveyRow.parse(row) : null)
