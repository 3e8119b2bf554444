/**
 * 安全模式 message encryption, as WeChat documents it: AES-256-CBC, key = base64 of
 * EncodingAESKey + "=", IV = the key's first 16 bytes, PKCS#7 padding to 32-byte blocks.
 * Plaintext = 16 random bytes, the message length (4 bytes, network order), the message,
 * the AppID. The AppID at the end tells us the message was meant for this account.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { Unauthorized } from '../../bot/errors.ts'

const BLOCK = 32

export function aesKeyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64')
  if (key.length !== 32) throw new Error('EncodingAESKey must be 43 characters of base64')
  return key
}

function pad(buf: Buffer): Buffer {
  const n = BLOCK - (buf.length % BLOCK)
  return Buffer.concat([buf, Buffer.alloc(n, n)])
}

export function encryptMessage(encodingAesKey: string, xml: string, appId: string, random: Buffer = randomBytes(16)): string {
  const key = aesKeyOf(encodingAesKey)
  const body = Buffer.from(xml, 'utf8')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(body.length)
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  const plain = pad(Buffer.concat([random, len, body, Buffer.from(appId, 'utf8')]))
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}

/** The message and the AppID it names; Unauthorized when it does not decrypt with our key. */
export function decryptMessage(encodingAesKey: string, encrypted: string): { xml: string; appId: string } {
  const key = aesKeyOf(encodingAesKey)
  let plain: Buffer
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
    plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()])
  } catch {
    throw new Unauthorized('The WeChat message does not decrypt with WECHAT_ENCODING_AES_KEY.')
  }
  const n = plain[plain.length - 1] ?? 0
  if (n < 1 || n > BLOCK || plain.length < 20 + n) throw new Unauthorized('The WeChat message does not decrypt with WECHAT_ENCODING_AES_KEY.')
  const unpadded = plain.subarray(0, plain.length - n)
  const len = unpadded.readUInt32BE(16)
  if (20 + len > unpadded.length) throw new Unauthorized('The WeChat message does not decrypt with WECHAT_ENCODING_AES_KEY.')
  return { xml: unpadded.subarray(20, 20 + len).toString('utf8'), appId: unpadded.subarray(20 + len).toString('utf8') }
}
