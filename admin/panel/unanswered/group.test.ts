import { describe, expect, it } from 'vitest'
import { dice, groupSimilar, SIMILAR_AT, tokens } from './group.ts'

const sim = (a: string, b: string) => dice(tokens(a), tokens(b))

// Real-looking pairs: the same question reworded slightly, and different questions that share words.
const SAME: [string, string][] = [
  ['我的快递怎么还没到', '我的快递怎么还没到啊'],
  ['我的快递怎么还没到', '快递怎么还没到？？'],
  ['我的快遞怎麼還沒到', '我的快递怎么还没到'],
  ['我的快递怎么还没到', '快递怎么还没有到呢'],
  ['洗碗机滤网多久清洗一次', '洗碗机的滤网多久洗一次'],
  ['发票抬头写错了', '发票抬头写错了怎么办'],
  ['可以用花呗分期吗', '能用花呗分期吗'],
  ['净水器滤芯多久换一次', '净水器的滤芯多久要换一次'],
  ['Can I pay with PayPal?', 'can i pay with paypal'],
  ['Can I pay with PayPal?', 'can I pay by paypal please'],
]
const DIFFERENT: [string, string][] = [
  ['洗碗机滤网多久清洗一次', '洗碗机滤网怎么拆'],
  ['发票抬头写错了', '发票什么时候寄出'],
  ['你们门店几点关门', '门店几点开门'],
  ['可以用花呗分期吗', '可以用信用卡吗'],
  ['净水器滤芯多久换一次', '净水器漏水怎么办'],
  ['Can I pay with PayPal?', 'can I pay with credit card'],
]

describe('grouping unanswered questions', () => {
  it('puts rewordings together and keeps different questions apart (measured)', () => {
    const same = SAME.map(([a, b]) => sim(a, b))
    const different = DIFFERENT.map(([a, b]) => sim(a, b))
    // Measured: rewordings score 0.71–1.00; different questions at most 0.58.
    expect(Math.min(...same)).toBeGreaterThanOrEqual(SIMILAR_AT)
    expect(Math.max(...different)).toBeLessThan(SIMILAR_AT)
  })

  it('counts a group, keeps its most frequent wording as the sample, and its latest time', () => {
    let n = 0
    const at = (d: number) => new Date(Date.UTC(2026, 0, d))
    const o = (text: string, day: number) => ({ text, at: at(day), conversationId: ++n, messageId: n })
    const groups = groupSimilar([
      o('快遞怎麼還沒到！', 3),
      o('快递怎么还没到', 1),
      o('快递怎么还没到', 2),
      o('我的快递怎么还没到啊', 5),
      o('发票抬头写错了', 4),
      o('👍', 6),
      o('   ', 6),
    ])
    expect(groups.map((g) => [g.sample, g.count])).toEqual([
      ['快递怎么还没到', 4],
      ['发票抬头写错了', 1],
    ])
    expect(groups[0]!.lastSeen).toEqual(at(5))
    expect(groups[0]!.keys).toEqual(['快递怎么还没到', '我的快递怎么还没到啊'])
  })
})
