import { describe, expect, it } from 'vitest'
import { renderForTeams } from './outbound.ts'

const msg = (over: object = {}) => ({ text: '', buttons: [], links: [], images: [], ...over })

describe('Teams rendering', () => {
  it('sends words as plain text, so nothing is read as markdown', () => {
    expect(renderForTeams(msg({ text: '**不是粗体** <b>x</b>' }))).toEqual([{ type: 'message', text: '**不是粗体** <b>x</b>', textFormat: 'plain' }])
  })
  it('puts buttons on an Adaptive Card whose Submit data carries the payload, links as OpenUrl (web only)', () => {
    const [a] = renderForTeams(
      msg({
        text: '请评价',
        buttons: [{ label: '满意', payload: 'sv:1:3' }],
        links: [
          { title: '帮助', url: '/help' },
          { title: 'x', url: 'javascript:1' },
        ],
        images: ['https://i.example/a.png'],
      }),
      'https://kefu.example',
    )
    expect(a!.attachments![0]).toEqual({
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: {
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.4',
        body: [{ type: 'Image', url: 'https://i.example/a.png', size: 'Large' }],
        actions: [
          { type: 'Action.Submit', title: '满意', data: { kefu: 'sv:1:3', label: '满意' } },
          { type: 'Action.OpenUrl', title: '帮助', url: 'https://kefu.example/help' },
        ],
      },
    })
  })
  it('moves more than six buttons into action rows in the body', () => {
    const buttons = Array.from({ length: 7 }, (_, i) => ({ label: `${i + 1}`, payload: `opt:${i}` }))
    const content = renderForTeams(msg({ text: '选一个', buttons }))[0]!.attachments![0]!.content
    expect(content.actions).toBeUndefined()
    expect(content.body.map((b: any) => b.actions.length)).toEqual([5, 2])
  })
  it('splits text over 24 KB into several activities, the card on the last', () => {
    const acts = renderForTeams(msg({ text: '长'.repeat(10_000), buttons: [{ label: 'ok', payload: 'x' }] }))
    expect(acts.map((a) => Buffer.byteLength(a.text!))).toEqual([24_000, 6_000])
    expect(acts[0]!.attachments).toBeUndefined()
    expect(acts[1]!.attachments).toHaveLength(1)
  })
  it("sends the bot's Markdown answers as Teams markdown, a paragraph per line", () => {
    const [a] = renderForTeams(msg({ senderType: 'bot', text: '**7 天内**可退货：\n- 未使用\n- 有发票 <at>x</at>' }))
    expect(a).toEqual({ type: 'message', text: '**7 天内**可退货：\n\n• 未使用\n\n• 有发票 \\<at\\>x\\</at\\>', textFormat: 'markdown' })
    expect(renderForTeams(msg({ senderType: 'agent', text: '**7 天内**' }))[0]!.textFormat).toBe('plain')
  })
})
