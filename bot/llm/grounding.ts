/**
 * Is a composed answer supported by the entries it cites? Checked in code, whatever the
 * prompt said: every number (amounts, days, hours, percentages, times, dates, phone
 * numbers), every link and e-mail address in the answer must appear in a cited entry, and
 * most of its wording must come from them. A model that invents "30 天无理由退货" when the
 * entry says 7, adds a hotline, or was talked by the customer into saying something of its
 * own, fails here, and the curated path answers instead.
 */

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 }

/** 十五 → 15, 二十四 → 24, 三百 → 300, 一万 → 10000: how Chinese writes the numbers a policy states. */
function chineseNumber(s: string): number {
  let total = 0
  let section = 0
  let digit = 0
  for (const ch of s) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch]!
    else if (ch === '万') {
      total += (section + digit) * 10000
      section = 0
      digit = 0
    } else {
      section += (digit || 1) * CN_UNITS[ch]!
      digit = 0
    }
  }
  return total + section + digit
}

const COUNTED = /第?([零〇一二两三四五六七八九十百千万]+)(?=[天日个小时分钟秒周月年元块次件号点倍折克斤米%％]|个?工作日)/g

/** Full-width digits and signs to ASCII, Chinese numerals to digits, thousands separators dropped. */
export function normaliseNumbers(text: string): string {
  return (
    text
      .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
      // Only numerals that count something (七天, 二十四小时, 三百元, 第三): 一下, 一些, 万一 stay words. A lone 一 is a word too often (一个, 一次) to be a claim.
      .replace(COUNTED, (m, n: string) => (n === '一' || /^[百千万]$/.test(n) ? m : m.replace(n, String(chineseNumber(n)))))
      .replace(/(\d),(?=\d{3}\b)/g, '$1')
  )
}

const NUMBER = /\d+(?:\.\d+)?/g
const LINK = /https?:\/\/[^\s)）\]】>，。]+|www\.[^\s)）\]】>，。]+/gi
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g

/** The words of a text for the overlap check: Han characters as bigrams, Latin words whole. */
function units(text: string): string[] {
  const t = text.toLowerCase()
  const out: string[] = []
  for (const run of t.match(/[\u4e00-\u9fff]+/g) ?? []) {
    if (run.length === 1) out.push(run)
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2))
  }
  for (const w of t.match(/[a-z]{3,}/g) ?? []) out.push(w)
  return out
}

/** Words that join facts in any answer; they say nothing an entry must support. */
const GLUE = new Set([
  '您好',
  '可以',
  '我们',
  '您的',
  '如果',
  '需要',
  '请您',
  'the',
  'you',
  'your',
  'and',
  'can',
  'for',
  'with',
  'are',
  'our',
  'this',
  'that',
  'will',
])

export interface GroundingResult {
  ok: boolean
  /** Numbers, links and addresses in the answer no cited entry states. */
  unsupported: string[]
  /** Share of the answer's words found in the cited entries (0–1). */
  support: number
}

/** Below this share of its words in the cited entries, an answer says too much of its own. */
export const MIN_SUPPORT = 0.6

export function checkGrounded(answer: string, cited: string[]): GroundingResult {
  const source = normaliseNumbers(cited.join('\n'))
  const said = normaliseNumbers(answer)
  const sourceNumbers = new Set((source.match(NUMBER) ?? []).map((n) => String(Number(n))))
  const unsupported = [
    ...(said.match(NUMBER) ?? []).filter((n) => !sourceNumbers.has(String(Number(n)))),
    ...(said.match(LINK) ?? []).filter((l) => !source.toLowerCase().includes(l.toLowerCase().replace(/[.,;!?]+$/, ''))),
    ...(said.match(EMAIL) ?? []).filter((e) => !source.toLowerCase().includes(e.toLowerCase())),
  ]
  const sourceUnits = new Set(units(source))
  const own = units(said).filter((u) => !GLUE.has(u))
  const support = own.length === 0 ? 0 : own.filter((u) => sourceUnits.has(u)).length / own.length
  return {
    ok: cited.length > 0 && answer.trim().length > 0 && unsupported.length === 0 && support >= MIN_SUPPORT,
    unsupported: [...new Set(unsupported)],
    support,
  }
}
