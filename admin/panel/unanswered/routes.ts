/**
 * /api/v1/panel/unanswered…: the 未知问题 queue as JSON, and its three actions — add a
 * question as a similar question of an entry, dismiss it, or (for agent replies) the
 * same dismissal. Starting a new entry is a link to the prefilled editor.
 */
import type { Hono } from 'hono'
import { z } from 'zod'
import { recordEvent } from '../../../bot/audit.ts'
import { actorLabel } from '../../../bot/context.ts'
import { channelSchema } from '../../../bot/conversations/types.ts'
import { NotFound } from '../../../bot/errors.ts'
import { apiRoute } from '../../../bot/http/api.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import type { Entry } from '../../../knowledge/entries/schema.ts'
import { readEntry } from '../../../knowledge/entries/store.ts'
import { updateEntry } from '../../../knowledge/entries/updateEntry.ts'
import { agentPairGroups } from './agentPairs.ts'
import { recordHandled, unansweredGroups } from './queries.ts'

const tag = 'panel'
const DAY = 86_400_000

export const unansweredQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).catch(30),
  channel: channelSchema.optional().catch(undefined),
})
const keys = z.array(z.string().min(1).max(1000)).min(1).max(200)
const similarBody = z.object({ entryId: z.string().min(1).max(100), text: z.string().trim().min(1).max(500), keys })
const dismissBody = z.object({ sample: z.string().trim().min(1).max(2000), keys, source: z.enum(['question', 'agent_reply']).default('question') })

/**
 * Every field as it is: updateEntryInput (a .partial() of fields with defaults) fills an
 * omitted field with its default — status 'draft', tags [] — so a partial update would
 * unpublish the entry. Sending the whole entry keeps it exactly as it was.
 */
const fieldsOf = (e: Entry) => ({
  question: e.question,
  answer: e.answer,
  answerExtras: e.answerExtras,
  channelAnswers: e.channelAnswers,
  categoryPath: e.categoryPath,
  tags: e.tags,
  status: e.status,
  validFrom: e.validFrom,
  validTo: e.validTo,
  ownerId: e.ownerId,
})

export const periodOf = (q: z.infer<typeof unansweredQuery>, now: Date) => ({
  from: new Date(now.getTime() - q.days * DAY),
  to: new Date(now.getTime() + 1000),
  channel: q.channel ?? null,
})

export function unansweredRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/panel/unanswered',
      role: 'supervisor',
      tag,
      query: unansweredQuery,
      summary: 'Customer messages the bot fell back or clarified on, grouped by similarity, with counts and last seen; and agent replies proposed as entries',
    },
    async ({ ctx, query }) => {
      const p = periodOf(query, ctx.clock.now())
      const show = <T extends { conversationId: number }>(g: { sample: string; keys: string[]; count: number; lastSeen: Date; items: T[] }) => ({
        sample: g.sample,
        keys: g.keys,
        count: g.count,
        lastSeen: g.lastSeen,
        conversationIds: [...new Set(g.items.map((i) => i.conversationId))].slice(0, 50),
      })
      const [questions, pairs] = await Promise.all([unansweredGroups(ctx.db, p), agentPairGroups(ctx.db, p)])
      return { questions: questions.map(show), agentReplies: pairs.map((g) => ({ ...show(g), reply: g.items[0]!.reply, agent: g.items[0]!.agent })) }
    },
  )

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/panel/unanswered/similar',
      role: 'supervisor',
      tag,
      body: similarBody,
      summary: 'Add an unanswered question as a similar question of an entry (the bot answers it from now on if the entry is published)',
    },
    async ({ ctx, body }) => {
      const entry = await readEntry(ctx.db, body.entryId)
      if (!entry) throw new NotFound(`No knowledge entry "${body.entryId}".`)
      const saved =
        entry.similarQuestions.includes(body.text) || entry.question === body.text
          ? entry
          : await updateEntry({
              ctx,
              id: entry.id,
              input: { ...fieldsOf(entry), version: entry.version, similarQuestions: [...entry.similarQuestions, body.text] },
              action: 'kb.entry.similar_from_unanswered',
            })
      await recordHandled(ctx.db, {
        keys: body.keys,
        source: 'question',
        outcome: 'added',
        sample: body.text,
        entryId: entry.id,
        by: actorLabel(ctx.actor),
        at: ctx.clock.now(),
      })
      return { entryId: saved.id, version: saved.version, status: saved.status }
    },
  )

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/panel/unanswered/dismiss',
      role: 'supervisor',
      tag,
      body: dismissBody,
      summary: 'Dismiss an unanswered question (or a proposed agent reply) for good',
    },
    async ({ ctx, body }) => {
      await ctx.db.transaction(async (tx) => {
        await recordHandled(tx, {
          keys: body.keys,
          source: body.source,
          outcome: 'dismissed',
          sample: body.sample,
          by: actorLabel(ctx.actor),
          at: ctx.clock.now(),
        })
        await recordEvent(
          tx,
          ctx.actor,
          'kb.unanswered.dismissed',
          { type: 'unanswered', id: body.keys[0] },
          { sample: body.sample, source: body.source, keys: body.keys.length },
        )
      })
      return { ok: true }
    },
  )
}
