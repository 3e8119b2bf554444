/**
 * An OutboundMessage → the Activities that show it in Teams (pure). The bot's answers are
 * Markdown and go as Teams markdown (bot/markdown/render.ts, which escapes the words);
 * what an agent typed goes as plain text (textFormat 'plain'), read as neither markdown
 * nor HTML. Buttons, links and images ride on the last activity as one
 * Adaptive Card: Action.Submit per button (its data comes back as the activity's value →
 * InboundMessage.payload), Action.OpenUrl per link, Image per picture.
 *
 * Teams refuses messages over about 28 KB, so text is split at 24 KB (bytes, as the limit
 * is), leaving room for the card and the envelope.
 */
import type { Activity, Attachment } from 'botbuilder'
import type { OutboundMessage } from '../../bot/conversations/types.ts'
import { renderBlocks, writtenInMarkdown } from '../../bot/markdown/render.ts'
import { packBlocks } from '../shared/packBlocks.ts'
import { fitsBytes, splitText } from '../shared/splitText.ts'
import type { SubmitData } from './inbound.ts'

export const MAX_TEXT_BYTES = 24_000
/** Teams shows at most six top-level card actions; more go into action rows in the body. */
const MAX_ACTIONS = 6

export type Renderable = Pick<OutboundMessage, 'text' | 'buttons' | 'links' | 'images'> & Partial<Pick<OutboundMessage, 'senderType'>>

/** Teams opens only absolute https/http links and loads only such images. */
export function absoluteUrl(url: unknown, base: string | null): string | null {
  if (typeof url !== 'string' || !url.trim()) return null
  try {
    const u = base ? new URL(url.trim(), base) : new URL(url.trim())
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null
  } catch {
    return null
  }
}

export function adaptiveCard(m: Renderable, base: string | null): Attachment | null {
  const submit = (m.buttons ?? []).map((b) => ({ type: 'Action.Submit', title: b.label, data: { kefu: b.payload, label: b.label } satisfies SubmitData }))
  const open = (m.links ?? []).flatMap((l) => {
    const url = absoluteUrl(l?.url, base)
    return url ? [{ type: 'Action.OpenUrl', title: String(l.title || url), url }] : []
  })
  const images = (m.images ?? []).flatMap((i) => {
    const url = absoluteUrl(i, base)
    return url ? [{ type: 'Image', url, size: 'Large' }] : []
  })
  const actions = [...submit, ...open]
  if (!actions.length && !images.length) return null
  const rows = actions.length > MAX_ACTIONS ? chunk(actions, MAX_ACTIONS - 1).map((a) => ({ type: 'ActionSet', actions: a })) : []
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.4',
      body: [...images, ...rows],
      ...(rows.length ? {} : { actions }),
    },
  }
}

export function renderForTeams(m: Renderable, base: string | null = null): Partial<Activity>[] {
  const markdown = writtenInMarkdown(m)
  const blocks = !m.text.trim() ? [] : markdown ? renderBlocks(m.text, 'teams') : [m.text]
  const fits = fitsBytes(MAX_TEXT_BYTES)
  const pieces = packBlocks(blocks, '\n\n', fits, (block) => splitText(block, fits))
  const activities: Partial<Activity>[] = pieces.map((text) => ({ type: 'message', text, textFormat: markdown ? 'markdown' : 'plain' }))
  const card = adaptiveCard(m, base)
  if (card) {
    if (activities.length) activities[activities.length - 1]!.attachments = [card]
    else activities.push({ type: 'message', attachments: [card] })
  }
  return activities
}

function chunk<T>(xs: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size))
  return out
}
