// Safe mode checked against the samples in WeChat's documentation (the WXBizMsgCrypt
// samples): the documented ciphertext decrypts, its documented msg_signature verifies,
// and our encryption with the sample's fixed random prefix gives the documented output.
import { createCipheriv, createDecipheriv } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decryptMessage, encryptMessage } from './crypto.ts'
import { checkMsgSignature, wechatSignature } from './verify.ts'

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const SAMPLE = {
  token: 'spamtest',
  appId: 'wx2c2769f8efd9abc2',
  timestamp: '1409735669',
  nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
}

/** The documented algorithm written out plainly, independent of crypto.ts, for round trips. */
const key = Buffer.from(`${KEY}=`, 'base64')
function referenceEncrypt(msg: string, appId: string, random: Buffer): string {
  const body = Buffer.from(msg)
  const len = Buffer.from([body.length >>> 24, (body.length >>> 16) & 255, (body.length >>> 8) & 255, body.length & 255])
  const plain = Buffer.concat([random, len, body, Buffer.from(appId)])
  const n = 32 - (plain.length % 32)
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(n, n)])), c.final()]).toString('base64')
}
function referenceDecrypt(enc: string): { msg: string; appId: string } {
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  const p = Buffer.concat([d.update(Buffer.from(enc, 'base64')), d.final()])
  const plain = p.subarray(0, p.length - p[p.length - 1]!)
  const len = plain.readUInt32BE(16)
  return { msg: plain.subarray(20, 20 + len).toString(), appId: plain.subarray(20 + len).toString() }
}

describe('WeChat safe mode', () => {
  it('verifies the documented msg_signature and decrypts the documented message', () => {
    expect(wechatSignature(SAMPLE.token, SAMPLE.timestamp, SAMPLE.nonce, SAMPLE.encrypt)).toBe(SAMPLE.msgSignature)
    expect(() =>
      checkMsgSignature(SAMPLE.token, { msg_signature: SAMPLE.msgSignature, timestamp: SAMPLE.timestamp, nonce: SAMPLE.nonce }, SAMPLE.encrypt),
    ).not.toThrow()
    const { xml, appId } = decryptMessage(KEY, SAMPLE.encrypt)
    expect(appId).toBe(SAMPLE.appId)
    expect(xml).toContain('<Content><![CDATA[abcdteT]]></Content>')
    expect(xml).toContain('<MsgId>6054768590064713728</MsgId>')
  })

  it('encrypts the documented reply sample to the documented ciphertext', () => {
    // From the Java sample's test: random prefix "aaaabbbbccccdddd", AppID wxb11529c136998cb6.
    const out = encryptMessage(KEY, '我是中文abcd123', 'wxb11529c136998cb6', Buffer.from('aaaabbbbccccdddd'))
    expect(out).toBe('jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==')
  })

  it('round-trips with an independent implementation both ways, for lengths across block edges', () => {
    for (const msg of ['', 'a', '<xml>你好</xml>', 'x'.repeat(31), 'y'.repeat(32), '长'.repeat(700)]) {
      const random = Buffer.from('0123456789abcdef')
      expect(encryptMessage(KEY, msg, SAMPLE.appId, random)).toBe(referenceEncrypt(msg, SAMPLE.appId, random))
      expect(referenceDecrypt(encryptMessage(KEY, msg, SAMPLE.appId))).toEqual({ msg, appId: SAMPLE.appId })
      expect(decryptMessage(KEY, referenceEncrypt(msg, SAMPLE.appId, random))).toEqual({ xml: msg, appId: SAMPLE.appId })
    }
  })

  it('refuses what another key encrypted', () => {
    const other = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg'
    expect(() => decryptMessage(other, SAMPLE.encrypt)).toThrow(/does not decrypt/)
    expect(() => decryptMessage(KEY, 'bm90IGNpcGhlcnRleHQ=')).toThrow(/does not decrypt/)
  })
})
