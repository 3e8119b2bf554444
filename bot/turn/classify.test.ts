import { describe, expect, it } from 'vitest'
import { classify } from './classify.ts'

describe('classify', () => {
  it.each([
    ['转人工', 'handoff'],
    ['我要找真人', 'handoff'],
    ['Agent please', 'handoff'],
    ['轉人工', 'handoff'], // Traditional
    ['安装的人工费多少', 'question'],
    ['你好', 'greeting'],
    ['您好！', 'greeting'],
    ['谢谢你', 'thanks'],
    ['拜拜', 'goodbye'],
    ['你们这什么破服务', 'angry'],
    ['到底什么时候发货！！！', 'angry'],
    ['怎么退货', 'question'],
    // Small talk as typed: pieces, particles, emoji, English.
    ['好的谢谢啦👍', 'thanks'],
    ['thanks a lot!', 'thanks'],
    ['Thank you so much', 'thanks'],
    ['在吗在吗', 'greeting'],
    ['ok 明白了', 'ack'],
    ['👌👌', 'ack'],
    ['嗯嗯 拜拜~', 'goodbye'],
    ['good night~', 'goodbye'],
    ['好的，那运费呢', 'question'],
    ['history of the company', 'question'], // "hi" must not match inside a word
    // A person asked for with a question: handed off, the question stays in the chat.
    ['转人工，我的件三天没动了', 'handoff'],
    ['can I talk to a real person about my parcel?', 'handoff'],
    ['晚上十点以后还有人工客服吗', 'question'],
    // Cases: a waybill number, a damage or loss report, a demand — a ticket, not an FAQ answer.
    ['单号YQ302118764530 显示签收了但我没收到', 'case'],
    ['快递给我摔坏了你们必须赔', 'case'],
    ['打开包裹里面是空的，东西不见了', 'case'],
    ['破损了怎么理赔', 'question'],
    ['理赔需要什么材料', 'question'],
  ])('%s → %s', (text, type) => {
    expect(classify(text, undefined, 0).type).toBe(type)
  })

  it('reads a number or a button as a pick only when options were offered', () => {
    expect(classify('2', undefined, 3)).toEqual({ type: 'option', index: 1 })
    expect(classify('２', undefined, 3)).toEqual({ type: 'option', index: 1 }) // full-width digit
    expect(classify('7', undefined, 3).type).toBe('question')
    expect(classify('2', undefined, 0).type).toBe('question')
    expect(classify('随便', 'opt:0', 3)).toEqual({ type: 'option', index: 0 })
    expect(classify('转人工', 'handoff', 0).type).toBe('handoff')
  })

  it('takes admin-defined handoff words', () => {
    expect(classify('找小二', undefined, 0, ['小二']).type).toBe('handoff')
  })
})
