import { describe, expect, it } from 'vitest'
import { messageToInbound, pressToInbound, updateSchema } from './inbound.ts'
import { verifySecretToken } from './verify.ts'

const from = { id: 7, is_bot: false, first_name: '小', last_name: '王' }
const update = (message: object) =>
  updateSchema.parse({ update_id: 1, message: { message_id: 5, date: 1, from, chat: { id: 7, type: 'private' }, ...message } })

describe('Telegram inbound', () => {
  it('turns a private text message into an InboundMessage keyed by chat and message id', () => {
    expect(messageToInbound(update({ text: '怎么退货' }))).toEqual({
      channel: 'telegram',
      externalUserId: '7',
      channelMessageId: '7:5',
      text: '怎么退货',
      displayName: '小 王',
      address: { chatId: 7 },
    })
    expect(messageToInbound(update({ caption: '坏了' }))?.text).toBe('坏了')
  })
  it('keeps a photo (the largest size), a sticker, a file and a place as media, with the caption as text', () => {
    const photo = [
      { file_id: 'small', file_unique_id: 'a', width: 90, height: 90 },
      { file_id: 'large', file_unique_id: 'b', width: 1280, height: 960 },
    ]
    expect(messageToInbound(update({ photo }))).toMatchObject({ text: '', media: { type: 'image', ref: 'large' } })
    expect(messageToInbound(update({ photo, caption: '收到就是这样的' }))).toMatchObject({ text: '收到就是这样的', media: { type: 'image' } })
    expect(
      messageToInbound(
        update({ sticker: { file_id: 's1', file_unique_id: 'c', width: 512, height: 512, is_animated: false, is_video: false, type: 'regular', emoji: '😭' } }),
      ),
    ).toMatchObject({ text: '', media: { type: 'sticker', ref: 's1', title: '😭' } })
    expect(messageToInbound(update({ document: { file_id: 'd1', file_unique_id: 'e', file_name: '发票.pdf' } }))!.media).toEqual({
      type: 'file',
      ref: 'd1',
      title: '发票.pdf',
    })
    expect(messageToInbound(update({ location: { latitude: 31.23, longitude: 121.47 } }))!.media).toEqual({
      type: 'location',
      latitude: 31.23,
      longitude: 121.47,
    })
    expect(messageToInbound(update({ text: '怎么退货' }))).not.toHaveProperty('media')
  })
  it('reads "/start" (someone opened the bot) as a hello in their app\'s language, so they are greeted', () => {
    expect(messageToInbound(update({ text: '/start', from: { ...from, language_code: 'zh-hans' } }))).toMatchObject({ text: '/start', payload: 'say:你好' })
    expect(messageToInbound(update({ text: '/start ref42', from: { ...from, language_code: 'en' } }))?.payload).toBe('say:hello')
    expect(messageToInbound(update({ text: '/started' }))?.payload).toBeUndefined()
  })
  it('ignores groups, other bots and updates that are not messages', () => {
    expect(messageToInbound(update({ text: 'hi', chat: { id: -100, type: 'group' } }))).toBeNull()
    expect(messageToInbound(update({ text: 'hi', from: { ...from, is_bot: true } }))).toBeNull()
    expect(messageToInbound(updateSchema.parse({ update_id: 2 }))).toBeNull()
  })
  it('turns a button press into the label as text and the payload, keyed by the callback id', () => {
    const u = updateSchema.parse({
      update_id: 3,
      callback_query: { id: 'cq1', from, data: 'k9.0', message: { message_id: 4, chat: { id: 7, type: 'private' } } },
    })
    expect(pressToInbound(u, { label: '满意', payload: 'sv:1:3' })).toMatchObject({
      channelMessageId: 'cb:cq1',
      text: '满意',
      payload: 'sv:1:3',
      address: { chatId: 7 },
    })
  })
  it('accepts only the exact secret header', () => {
    expect(() => verifySecretToken('s3cret', undefined)).toThrow(/Missing/)
    expect(() => verifySecretToken('s3cret', 's3cre')).toThrow(/Wrong/)
    expect(() => verifySecretToken('s3cret', 's3cret')).not.toThrow()
  })
})
