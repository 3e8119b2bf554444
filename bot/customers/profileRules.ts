/**
 * What a customer profile's fields and a conversation's labels may hold, and how what staff
 * type is normalised first (full-width digits and letters from a Chinese keyboard, spaces and
 * dashes in phone numbers). One set of rules for the server (updateProfile.ts, labels) and
 * the console's form. No imports: the browser build bundles this file as it is.
 */
export const PROFILE_LIMITS = { name: 100, email: 254, tag: 30, tags: 20, notes: 2000, label: 30, labels: 20 } as const

/** Every refusal in both languages, Chinese first; the console shows the viewer's. */
export const PROFILE_ERRORS = {
  name: ['姓名最多 100 个字。', 'A name has at most 100 characters.'],
  phone: [
    '电话号码格式不对：请填 11 位手机号（如 13812345678）、带区号的座机（如 021-12345678）或 + 开头的国际号码。',
    'That is not a phone number: use an 11-digit mobile number (13812345678), a landline with its area code (021-12345678) or an international number starting with +.',
  ],
  email: ['邮箱格式不对，应类似 name@example.com。', 'That is not an email address; it should look like name@example.com.'],
  tag: ['标签不能为空，最多 30 个字，不能含逗号。', 'A tag cannot be empty, has at most 30 characters and no comma.'],
  tags: ['最多 20 个标签。', 'At most 20 tags.'],
  notes: ['备注最多 2000 个字。', 'Notes have at most 2000 characters.'],
  tier: ['客户等级只能是 普通 或 VIP。', 'The tier is standard or VIP.'],
  accountManager: ['客户经理必须是一位在职的员工。', 'The account manager must be an active staff member.'],
  accountManagerRole: ['只有主管或管理员可以指定客户经理。', 'Only a supervisor or an admin assigns an account manager.'],
  label: ['标签不能为空，最多 30 个字，不能含逗号。', 'A label cannot be empty, has at most 30 characters and no comma.'],
  labels: ['一个会话最多 20 个标签。', 'A conversation has at most 20 labels.'],
} as const satisfies Record<string, readonly [string, string]>
export type ProfileErrorCode = keyof typeof PROFILE_ERRORS

/** Full-width ASCII (０-９, Ａ-Ｚ, ＠, ＋, the ideographic space) → half-width. */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
}

/**
 * A phone number as people type it → digits (with a leading + for international ones), or
 * null when it cannot be one: a Chinese mobile (11 digits from 13–19), a landline with its
 * area code (0 + 9–11 digits), or + and 6–15 digits. "+86 138…" is kept as the mobile.
 */
export function normalisePhone(raw: string): string | null {
  const s = halfWidth(raw).replace(/[\s\-().（）]/g, '')
  const mobile = s.replace(/^(?:\+|00)86(?=1\d{10}$)/, '')
  if (/^1[3-9]\d{9}$/.test(mobile)) return mobile
  if (/^0\d{9,11}$/.test(s)) return s
  if (/^\+\d{6,15}$/.test(s)) return s
  return null
}

/** An email address, trimmed, half-width, domain in lower case; null when it is not one. */
export function normaliseEmail(raw: string): string | null {
  const s = halfWidth(raw).trim()
  const m = s.match(/^([^\s@]+)@([^\s@]+\.[^\s@.]{2,})$/)
  if (!m || s.length > PROFILE_LIMITS.email || m[2]!.includes('..')) return null
  return `${m[1]}@${m[2]!.toLowerCase()}`
}

/** A tag or label: half-width, spaces collapsed, a leading # dropped, Latin letters in lower case; null when empty, too long or holding a comma. */
export function normaliseLabel(raw: string, max: number = PROFILE_LIMITS.label): string | null {
  const s = halfWidth(raw)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^#+\s*/, '')
    .toLowerCase()
  if (!s || s.length > max || /[,，、]/.test(s)) return null
  return s
}
