import { describe, expect, it } from 'vitest'
import type { MessageRow } from '../../bot/conversations/store.ts'
import { toWidgetMessage } from './outbound.ts'

const row = (over: Partial<MessageRow>): MessageRow => ({
  id: 7,
  conversationId: 1,
  direction: 'out',
  senderType: 'bot',
  senderId: null,
  senderName: null,
  text: 'hi',
  parts: {},
  isPrivate: false,
  kbEntryId: null,
  kind: 'answer',
  createdAt: new Date('2025-01-01T00:00:00Z'),
  ...over,
})

describe('web chat outbound', () => {
  it('never lets a private note or an internal row through', () => {
    expect(toWidgetMessage(row({ isPrivate: true, direction: 'internal', senderType: 'agent', kind: 'note' }))).toBeNull()
    expect(toWidgetMessage(row({ direction: 'internal' }))).toBeNull()
  })

  it('keeps text exactly as written — escaping is the renderer’s job, with textContent', () => {
    expect(toWidgetMessage(row({ text: '<img src=x onerror=alert(1)>' }))!.text).toBe('<img src=x onerror=alert(1)>')
  })

  it('keeps only web links and images, and buttons with their payloads', () => {
    const m = toWidgetMessage(
      row({
        parts: {
          buttons: [{ label: '转人工', payload: 'opt:0' }],
          links: [
            { title: 'Help', url: 'https://example.com/help' },
            { title: 'x', url: 'javascript:alert(1)' },
            { title: 'y', url: '//evil.example' },
          ],
          images: ['/img/a.png', 'data:image/png;base64,AAAA'],
        },
      }),
    )!
    expect(m.buttons).toEqual([{ label: '转人工', payload: 'opt:0' }])
    expect(m.links).toEqual([{ title: 'Help', url: 'https://example.com/help' }])
    expect(m.images).toEqual(['/img/a.png'])
  })

  it('names agents, not the bot, and accepts a date that travelled through Redis as a string', () => {
    const m = toWidgetMessage(row({ senderType: 'agent', senderName: '林小姐', kind: 'agent', createdAt: '2025-01-01T00:00:00.000Z' as any }))!
    expect(m).toMatchObject({ from: 'agent', name: '林小姐', createdAt: '2025-01-01T00:00:00.000Z' })
    expect(toWidgetMessage(row({ senderName: 'x' }))!.name).toBeNull()
  })

  it('carries the client id only on customer messages', () => {
    expect(toWidgetMessage(row({ direction: 'in', senderType: 'customer', kind: 'customer' }), 'abc')!.clientId).toBe('abc')
    expect(toWidgetMessage(row({}), 'abc')!.clientId).toBeNull()
  })
  it("renders the bot's Markdown as safe HTML, and nothing else", () => {
    expect(toWidgetMessage(row({ text: '**7 天内**可退 <img src=x onerror=alert(1)> [x](javascript:alert(1))' }))!.html).toBe(
      '<p><strong>7 天内</strong>可退 &lt;img src=x onerror=alert(1)&gt; x</p>',
    )
    expect(toWidgetMessage(row({ senderType: 'agent', kind: 'agent', text: '**原样**' }))!.html).toBeNull()
    expect(toWidgetMessage(row({ direction: 'in', senderType: 'customer', kind: 'customer', text: '**原样**' }))!.html).toBeNull()
  })
})
