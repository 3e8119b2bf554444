import { describe, expect, it } from 'vitest'
import { MAX_TEXT_BYTES, renderText, splitForWechat } from './outbound.ts'

const msg = (o: Partial<Parameters<typeof renderText>[0]>) => ({ text: '', buttons: [], links: [], images: [], ...o })

describe('WeChat outbound text', () => {
  it('numbers options as the bot reads them back, with a hint to type the number', () => {
    const text = renderText(
      msg({
        text: '您是不是想问：',
        buttons: [
          { label: '产品坏了怎么报修', payload: 'opt:0' },
          { label: '转人工', payload: 'opt:1' },
        ],
      }),
    )
    expect(text).toBe('您是不是想问：\n\n1. 产品坏了怎么报修\n2. 转人工\n回复 1、2 选择')
  })

  it('asks for the words where the bot reads words, and numbers a three-point survey in the order shown', () => {
    expect(renderText(msg({ text: '您目前排在第 1 位。', buttons: [{ label: '取消排队', payload: 'leave-queue' }] }))).toBe(
      '您目前排在第 1 位。\n\n回复「取消排队」',
    )
    const survey = renderText(msg({ text: '请打个分', buttons: ['满意', '基本满意', '不满意'].map((label, i) => ({ label, payload: `sv:7:${3 - i}` })) }))
    expect(survey).toBe('请打个分\n\n1. 满意\n2. 基本满意\n3. 不满意\n回复 1、2、3 选择')
    const five = renderText(msg({ text: '请打个分', buttons: [5, 4].map((n) => ({ label: `${n} 分`, payload: `sv:7:${n}` })) }))
    expect(five).toBe('请打个分\n\n回复「5 分」或「4 分」')
  })

  it('turns 👍/👎 into a hint, links and images into <a> links, and speaks English to English text', () => {
    const text = renderText(
      msg({
        text: 'See the guide.',
        buttons: [
          { label: '👍', payload: 'fb:up:x' },
          { label: '👎', payload: 'fb:down:x' },
        ],
        links: [
          { title: 'Guide', url: 'https://example.com/g?a="b"' },
          { title: 'bad', url: 'javascript:alert(1)' },
        ],
        images: ['https://example.com/p.png'],
      }),
    )
    expect(text).toBe(
      'See the guide.\n\n<a href="https://example.com/g?a=%22b%22">Guide</a>\n<a href="https://example.com/p.png">[picture]</a>\n\nReply 👍 if this helped, 👎 if not',
    )
  })

  it('splits long text under 2048 bytes, at line breaks, never inside a character', () => {
    const long = Array.from({ length: 300 }, (_, i) => `第 ${i} 行：退货请在签收后七天内申请。`).join('\n')
    const parts = splitForWechat(long)
    expect(parts.length).toBeGreaterThan(1)
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(MAX_TEXT_BYTES)
    expect(parts.join('\n')).toBe(long)
    const oneLine = '好'.repeat(1500) // 4500 bytes, no line break
    const pieces = splitForWechat(oneLine)
    expect(pieces.map((p) => Buffer.byteLength(p))).toEqual([2046, 2046, 408])
    expect(pieces.join('')).toBe(oneLine)
  })
  it("turns the bot's Markdown into plain text: bold dropped, bullets, links with their address", () => {
    const text = renderText(msg({ senderType: 'bot', text: '收到商品后 **7 天内** 可退货：\n\n- 商品未使用\n- 见[退货政策](https://shop.example.cn/r)' }))
    expect(text).toBe('收到商品后 7 天内 可退货：\n\n• 商品未使用\n• 见退货政策 (https://shop.example.cn/r)')
    expect(renderText(msg({ senderType: 'agent', text: '**原样**' }))).toBe('**原样**')
  })
})
