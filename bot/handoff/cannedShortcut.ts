/**
 * What a canned-reply shortcut may be: letters of any script (Chinese 退货 as well as refund),
 * digits, - and _, at most 40. Import-free: the server's check, the expansion of "/shortcut"
 * in a reply, the canned page's input pattern and the console's hints all use this one rule.
 */
export const SHORTCUT_CHARS = '[\\p{L}\\p{N}_\\-]'
export const SHORTCUT = new RegExp(`^${SHORTCUT_CHARS}{1,40}$`, 'u')
/** "/退货" typed in the reply box (the whole message is the shortcut). */
export const SHORTCUT_REPLY = new RegExp(`^/(${SHORTCUT_CHARS}{1,40})$`, 'u')
/** A partial "/退" while typing, for the hints. */
export const SHORTCUT_TYPING = new RegExp(`^/${SHORTCUT_CHARS}*$`, 'u')
/** For <input pattern> (browsers compile it with the v flag). */
export const SHORTCUT_PATTERN = `${SHORTCUT_CHARS}{1,40}`
