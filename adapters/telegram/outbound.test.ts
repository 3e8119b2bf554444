import { describe, expect, it } from 'vitest'
import { parseCallbackData } from './buttons.ts'
import { escapeHtml, renderForTelegram } from './outbound.ts'

const msg = (over: object = {}) => ({ id: 42, text: '', buttons: [], links: [], images: [], ...over })

describe('Telegram rendering', () => {
  it('escapes what parse_mode HTML would read as markup', () => {
    expect(escapeHtml('<b>a</b> & "b" > c')).toBe('&lt;b&gt;a&lt;/b&gt; &amp; "b" &gt; c')
    expect(renderForTelegram(msg({ text: '1 < 2 & 3 > 2' }))).toEqual([{ text: '1 &lt; 2 &amp; 3 &gt; 2', parse_mode: 'HTML' }])
  })
  it('puts buttons on an inline keyboard, one per row, each pointing at the stored message', () => {
    const [send] = renderForTelegram(
      msg({
        text: '您是不是想问：',
        buttons: [
          { label: '如何退货', payload: 'opt:0' },
          { label: '都不是', payload: `say:${'长'.repeat(40)}` },
        ],
      }),
    )
    expect(send!.reply_markup!.inline_keyboard).toEqual([[{ text: '如何退货', callback_data: 'k42.0' }], [{ text: '都不是', callback_data: 'k42.1' }]])
    expect(parseCallbackData('k42.1')).toEqual({ messageId: 42, index: 1 })
    expect(parseCallbackData('opt:0')).toBeNull()
  })
  it('adds web links and images as escaped anchors, drops others, and previews the first image', () => {
    const [send] = renderForTelegram(
      msg({
        text: '见说明',
        links: [
          { title: 'A&B', url: 'https://x.example/?a=1&b="2"' },
          { title: 'bad', url: 'javascript:alert(1)' },
          { title: 'rel', url: '/help' },
        ],
        images: ['/img/a.png'],
      }),
      'https://kefu.example',
    )
    expect(send!.text).toBe(
      '见说明\n\n🔗 <a href="https://x.example/?a=1&amp;b=%222%22">A&amp;B</a>\n🔗 <a href="https://kefu.example/help">rel</a>\n🖼 <a href="https://kefu.example/img/a.png">1</a>',
    )
    expect(send!.link_preview_options).toEqual({ url: 'https://kefu.example/img/a.png', prefer_large_media: true })
  })
  it('splits at 4096 shown characters even when escaping makes the HTML longer', () => {
    const sends = renderForTelegram(msg({ text: '&'.repeat(5000), buttons: [{ label: 'ok', payload: 'x' }] }))
    expect(sends).toHaveLength(2)
    expect(sends.map((s) => s.text.replaceAll('&amp;', '&').length)).toEqual([4096, 904])
    expect(sends[0]!.reply_markup).toBeUndefined()
    expect(sends[1]!.reply_markup).toBeDefined()
  })
  it("renders the bot's Markdown in Telegram's tags, escaping the rest; agents' words stay as typed", () => {
    expect(renderForTelegram(msg({ senderType: 'bot', text: '**7 天内** <可以> 退货：\n- 未使用\n- [政策](https://x.example/a?b=1&c=2)' }))[0]!.text).toBe(
      '<b>7 天内</b> &lt;可以&gt; 退货：\n\n• 未使用\n• <a href="https://x.example/a?b=1&amp;c=2">政策</a>',
    )
    expect(renderForTelegram(msg({ senderType: 'agent', text: '**7 天内**' }))[0]!.text).toBe('**7 天内**')
  })
  it('splits a long Markdown answer between paragraphs, never inside a tag', () => {
    const para = `**粗体**${'长'.repeat(3000)}`
    const sends = renderForTelegram(msg({ senderType: 'bot', text: `${para}\n\n${para}` }))
    expect(sends.map((s) => s.text)).toEqual([`<b>粗体</b>${'长'.repeat(3000)}`, `<b>粗体</b>${'长'.repeat(3000)}`])
  })
})
