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
