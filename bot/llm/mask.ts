/**
 * Personal data out of what goes to the model, unless the admin allows it (setting
 * llm.sendPersonalData): phone numbers, order and waybill numbers, ID card numbers, e-mail
 * addresses and street addresses become placeholders such as [PHONE_1]. The same value gets
 * the same placeholder throughout one request, so the model can still reason ("the order
 * you gave"), and `restore` puts the real values back into text only staff will read (a
 * hand-off summary). Rules, not a model: what we send must be decided before we send it.
 */
import { LANDLINE, MOBILE, ORDER } from '../handoff/summary.ts'

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g
/** Mainland resident ID: 17 digits and a digit or X, not inside a longer number. */
const ID_CARD = /(?<!\d)[1-9]\d{16}[\dXx](?!\d)/g
const HAN = '\\u4e00-\\u9fff'
/** A street address with its house number: …路/街/道/巷/弄 12号 (…栋 3单元 501室), with the city and district before it. */
const ADDRESS_ZH = new RegExp(
  `(?:[${HAN}]{2,9}?(?:省|自治区|市|区|县|镇|乡))*[${HAN}A-Za-z0-9]{1,12}?(?:路|街|大道|巷|弄|胡同|道)\\s*\\d+\\s*号(?:[${HAN}A-Za-z0-9-]{0,16}?(?:室|层|楼|单元|栋|幢|座))*`,
  'g',
)
/** A housing estate's building and flat: 阳光花园3栋2单元501. */
const ESTATE_ZH = new RegExp(
  `[${HAN}]{2,10}(?:小区|花园|公寓|大厦|苑|家园)\\s*\\d+\\s*(?:栋|幢|号楼)(?:\\s*\\d+\\s*(?:单元|层|室))*(?:\\s*\\d{3,4}(?:室)?)?`,
  'g',
)
const ADDRESS_EN =
  /\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,4}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way)\b\.?(?:,?\s*(?:Apt|Unit|Flat|Suite)\s*\w+)?/g

/** An order or waybill number, but not a ticket number's date (T20261123-0007 is ours, not personal). */
const ORDER_NUMBER = new RegExp(`${ORDER.source}(?!-\\d)`, 'gi')
/** Full-width digits, letters and @ . - typed on a Chinese keyboard, so the patterns see them (punctuation stays). */
const halfWidthAlnum = (t: string) =>
  t.replace(/[\uff0d\uff0e\uff10-\uff19\uff20-\uff3a\uff41-\uff5a]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))

const KINDS: [string, RegExp][] = [
  ['EMAIL', EMAIL],
  ['ID', ID_CARD],
  ['PHONE', MOBILE],
  ['PHONE', LANDLINE],
  ['ADDRESS', ADDRESS_ZH],
  ['ADDRESS', ESTATE_ZH],
  ['ADDRESS', ADDRESS_EN],
  ['ORDER', ORDER_NUMBER],
]

export interface Masker {
  /** The text with personal data replaced (full-width digits and letters read as half-width). */
  mask(text: string): string
  /** Placeholders back to the values they stand for. */
  restore(text: string): string
  /** How many distinct values were masked. */
  readonly count: number
}

/** One masker per request to the model: placeholders are numbered across all the texts it masks. */
export function createMasker(enabled: boolean): Masker {
  const byValue = new Map<string, string>()
  const byPlaceholder = new Map<string, string>()
  const counters = new Map<string, number>()
  const placeholderFor = (kind: string, value: string) => {
    const key = `${kind}\n${value}`
    let p = byValue.get(key)
    if (!p) {
      const n = (counters.get(kind) ?? 0) + 1
      counters.set(kind, n)
      p = `[${kind}_${n}]`
      byValue.set(key, p)
      byPlaceholder.set(p, value)
    }
    return p
  }
  return {
    mask(text) {
      if (!enabled) return text
      let t = halfWidthAlnum(text)
      for (const [kind, re] of KINDS) t = t.replace(re, (m) => placeholderFor(kind, m.trim()))
      return t
    },
    restore(text) {
      return text.replace(/\[(?:EMAIL|ID|PHONE|ADDRESS|ORDER)_\d+\]/g, (p) => byPlaceholder.get(p) ?? p)
    },
    get count() {
      return byPlaceholder.size
    },
  }
}
