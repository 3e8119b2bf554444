import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../bot/errors.ts'
import { parseWechatMessage, toInbound } from './inbound.ts'
import { buildWechatXml, parseWechatXml } from './xml.ts'

const base = { ToUserName: 'gh_10f6c3c3ac5a', FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs', CreateTime: 1409735668 }
const read = (fields: Record<string, string | number>) => toInbound(parseWechatMessage(parseWechatXml(buildWechatXml({ ...base, ...fields }))))

describe('WeChat inbound', () => {
  it('reads the documented text message, keyed by its 64-bit MsgId as a string', () => {
    expect(read({ MsgType: 'text', Content: '怎么退货', MsgId: '6054768590064713728' })).toEqual({
      channel: 'wechat',
      externalUserId: base.FromUserName,
      channelMessageId: '6054768590064713728',
      text: '怎么退货',
      address: { openid: base.FromUserName, account: base.ToUserName },
    })
  })

  it('gives agents the picture link and the voice recognition text', () => {
    expect(read({ MsgType: 'image', PicUrl: 'http://mmbiz.qpic.cn/x.jpg', MediaId: 'm', MsgId: '1' })).toMatchObject({
      text: '',
      media: { type: 'image', url: 'http://mmbiz.qpic.cn/x.jpg', ref: 'm' },
    })
    expect(read({ MsgType: 'voice', MediaId: 'm', Format: 'amr', Recognition: '我要退货', MsgId: '2' })).toMatchObject({
      text: '我要退货',
      media: { type: 'voice' },
    })
    expect(read({ MsgType: 'voice', MediaId: 'm', Format: 'amr', MsgId: '3' })).toMatchObject({ text: '', media: { type: 'voice', ref: 'm' } })
  })

  it('keeps video, short video, location, link and unknown types as media (the documented 普通消息 samples)', () => {
    expect(read({ MsgType: 'video', MediaId: 'media_id', ThumbMediaId: 'thumb_media_id', MsgId: '5' })!.media).toEqual({ type: 'video', ref: 'media_id' })
    expect(read({ MsgType: 'shortvideo', MediaId: 'media_id', ThumbMediaId: 'thumb_media_id', MsgId: '6' })!.media).toEqual({ type: 'video', ref: 'media_id' })
    expect(read({ MsgType: 'location', Location_X: '23.134521', Location_Y: '113.358803', Scale: 20, Label: '位置信息', MsgId: '7' })!.media).toEqual({
      type: 'location',
      title: '位置信息',
      latitude: 23.134521,
      longitude: 113.358803,
    })
    expect(read({ MsgType: 'link', Title: '公众平台官网链接', Description: '公众平台官网链接', Url: 'https://mp.weixin.qq.com', MsgId: '8' })!.media).toEqual({
      type: 'link',
      title: '公众平台官网链接',
      description: '公众平台官网链接',
      url: 'https://mp.weixin.qq.com',
    })
    expect(read({ MsgType: 'miniprogrampage', MsgId: '9' })).toMatchObject({ channelMessageId: '9', media: { type: 'other', title: 'miniprogrampage' } })
  })

  it('greets a new follower and maps menu keys; events are keyed by sender, time and event', () => {
    const sub = read({ MsgType: 'event', Event: 'subscribe' })!
    expect(sub).toMatchObject({ text: '你好', payload: 'say:你好', channelMessageId: `${base.FromUserName}:1409735668:subscribe` })
    expect(read({ MsgType: 'event', Event: 'CLICK', EventKey: 'HUMAN' })).toMatchObject({
      text: '转人工',
      payload: 'handoff',
      channelMessageId: `${base.FromUserName}:1409735668:CLICK:HUMAN`,
    })
    expect(read({ MsgType: 'event', Event: 'CLICK', EventKey: 'TICKETS' })!.text).toBe('我的工单')
    expect(read({ MsgType: 'event', Event: 'CLICK', EventKey: '退货政策' })!.text).toBe('退货政策')
    expect(read({ MsgType: 'event', Event: 'unsubscribe' })).toBeNull()
    expect(read({ MsgType: 'event', Event: 'LOCATION', Latitude: '23.1', Longitude: '113.3' })).toBeNull() // a location report, not a message
  })

  it('refuses malformed XML, DOCTYPEs and messages without the required fields', () => {
    for (const bad of ['<xml><a>', 'not xml', '', '<!DOCTYPE x [<!ENTITY e "x">]><xml><a>&e;</a></xml>', '<other/>']) {
      expect(() => parseWechatXml(bad)).toThrow(ValidationError)
    }
    expect(() => parseWechatMessage(parseWechatXml('<xml><MsgType>text</MsgType></xml>'))).toThrow(ValidationError)
  })
})
