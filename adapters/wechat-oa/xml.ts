/**
 * WeChat's XML, both ways: a flat `<xml>` of fields in, and a flat `<xml>` of fields out
 * with text in CDATA. Malformed XML is a ValidationError (400); a DOCTYPE is refused
 * outright, since WeChat never sends one and entity tricks are how XML parsers are attacked.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { ValidationError } from '../../bot/errors.ts'

// Values stay strings: MsgId is a 64-bit number that a JS number would round.
const parser = new XMLParser({ parseTagValue: false, parseAttributeValue: false, ignoreAttributes: true, trimValues: true, processEntities: true })

/** The fields of the root `<xml>` element (nested elements are kept as objects). */
export function parseWechatXml(body: string): Record<string, unknown> {
  if (!body.trim()) throw new ValidationError('Empty body: WeChat sends an XML message.')
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) throw new ValidationError('XML with a DOCTYPE is not accepted.')
  const valid = XMLValidator.validate(body)
  if (valid !== true) throw new ValidationError(`Malformed XML: ${valid.err.msg} (line ${valid.err.line})`)
  const doc = parser.parse(body) as { xml?: unknown }
  if (!doc.xml || typeof doc.xml !== 'object') throw new ValidationError('Not a WeChat message: the root element must be <xml>.')
  return doc.xml as Record<string, unknown>
}

/** `]]>` cannot appear inside CDATA: split it across two sections. */
const cdata = (s: string) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`

/** Numbers go bare (CreateTime, TimeStamp), strings in CDATA, as WeChat's own samples do. */
export function buildWechatXml(fields: Record<string, string | number>): string {
  const inner = Object.entries(fields)
    .map(([k, v]) => `<${k}>${typeof v === 'number' ? String(v) : cdata(v)}</${k}>`)
    .join('')
  return `<xml>${inner}</xml>`
}
