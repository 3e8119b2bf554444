import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../bot/errors.ts'
import { charCount, clientIdOf, parsePost, toInbound } from './inbound.ts'

const id = '3f2c9a4e-5b1d-4c7a-9e2f-8a6b4c3d2e1f'

describe('web chat inbound', () => {
  it('turns a post into the bot message, keyed by visitor and client id', () => {
    const post = parsePost({ id, text: '怎么退货' }, 'zh', 2000)
    expect(toInbound('v_abc', post)).toEqual({ channel: 'webchat', externalUserId: 'v_abc', channelMessageId: `v_abc:${id}`, text: '怎么退货', address: {} })
    expect(clientIdOf(`v_abc:${id}`)).toBe(id)
    expect(clientIdOf(null)).toBeNull()
  })

  it('keeps a button payload', () => {
    expect(toInbound('v_abc', parsePost({ id, text: '转人工', payload: 'opt:0' }, 'zh', 2000)).payload).toBe('opt:0')
  })

  it('refuses empty text in the customer language', () => {
    for (const text of ['', '   ', '\n\t']) {
      expect(() => parsePost({ id, text }, 'zh', 2000)).toThrow('请输入您的问题后再发送。')
      expect(() => parsePost({ id, text }, 'en', 2000)).toThrow('Please type a message before sending.')
    }
  })

  it('refuses text over the limit, counting characters as people do', () => {
    expect(() => parsePost({ id, text: '好'.repeat(2001) }, 'zh', 2000)).toThrow('2000 字以内')
    expect(() => parsePost({ id, text: 'a'.repeat(2001) }, 'en', 2000)).toThrow('under 2000 characters')
    expect(parsePost({ id, text: '😀'.repeat(2000) }, 'zh', 2000).text).toHaveLength(4000)
    expect(charCount('😀a')).toBe(2)
  })

  it('refuses a post without a uuid', () => {
    for (const body of [{ text: 'hi' }, { id: 'not-a-uuid', text: 'hi' }, null, 'text']) {
      expect(() => parsePost(body, 'zh', 2000)).toThrow(ValidationError)
    }
  })
})
