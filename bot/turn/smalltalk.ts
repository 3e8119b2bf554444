/**
 * Small talk as customers type it: pieces strung together with particles and emoji —
 * 「好的谢谢啦👍」, 「在吗在吗」, "ok thanks a lot!", 「嗯嗯 明白了 拜拜~」. A message is small
 * talk when, once normalised and stripped of particles, nothing but these pieces is left;
 * one real word ("好的，那运费呢") makes it a question. Thanks outrank goodbyes outrank
 * greetings outrank a plain acknowledgement, which is what the reply answers to.
 */
export type SmallTalk = 'thanks' | 'goodbye' | 'greeting' | 'ack'

const PIECES: Record<SmallTalk, string[]> = {
  thanks: [
    '谢谢',
    '多谢',
    '感谢',
    '谢了',
    '谢啦',
    '谢谢你',
    '谢谢您',
    '辛苦了',
    '辛苦',
    '麻烦了',
    '麻烦你了',
    '3q',
    'thanks',
    'thank you',
    'thank u',
    'thx',
    'ty',
    'cheers',
    'many thanks',
    'appreciate it',
  ],
  goodbye: ['再见', '拜拜', '回见', '下次见', '晚安', 'good night', 'goodnight', 'night', 'bye', 'goodbye', 'bye bye', 'see you', 'see ya', '886', '88'],
  greeting: [
    '你好',
    '您好',
    '在吗',
    '在么',
    '在不在',
    '有人吗',
    '有人在吗',
    '客服在吗',
    '哈喽',
    '嗨',
    '早上好',
    '下午好',
    '晚上好',
    '早',
    'hello',
    'hi',
    'hey',
    'hi there',
    'good morning',
    'good afternoon',
    'good evening',
  ],
  ack: [
    '好的',
    '好',
    '好嘞',
    '嗯',
    '嗯嗯',
    '哦',
    '噢',
    '哦哦',
    '明白',
    '明白了',
    '知道了',
    '懂了',
    '收到',
    '了解',
    '了解了',
    '行',
    '可以',
    '没问题',
    'ok',
    'okay',
    'k',
    'got it',
    'i see',
    'great',
    'cool',
    'perfect',
    'nice',
    'alright',
    'all right',
    'sure',
    'noted',
  ],
}
// Carry no meaning of their own: particles, intensifiers, addressing.
const FILLER = [
  '啦',
  '呀',
  '啊',
  '哈',
  '哈哈',
  '哈哈哈',
  '了',
  '你',
  '您',
  '的',
  '呢',
  '吖',
  '哟',
  '非常',
  '太',
  '真的',
  '真是',
  '那',
  '那就',
  '先',
  '这样',
  'so much',
  'a lot',
  'very much',
  'so',
  'again',
  'for your help',
  'for the help',
  'for that',
  'guys',
  'there',
  'dear',
  'oh',
  'ah',
  'lol',
  '亲',
  '客服',
  '小助手',
]

const ALL = [
  ...(Object.entries(PIECES) as [SmallTalk, string[]][]).flatMap(([kind, ws]) => ws.map((w) => ({ w, kind: kind as SmallTalk | null }))),
  ...FILLER.map((w) => ({ w, kind: null })),
].sort((a, b) => b.w.length - a.w.length)

const RANK: SmallTalk[] = ['thanks', 'goodbye', 'greeting', 'ack']

// A message of emoji alone (👌, 👍🙏) is an acknowledgement; normalising leaves nothing of it.
const EMOJI_ONLY = /^(?:[\p{Extended_Pictographic}\p{Emoji_Modifier}\s~!！.。]|\u{FE0F}|\u{200D})+$/u

/** `t` is normalised text (Simplified, lower case, punctuation and emoji gone); `raw` what was typed. */
export function smallTalk(t: string, raw = ''): SmallTalk | null {
  if (!t) return EMOJI_ONLY.test(raw) ? 'ack' : null
  if (t.length > 40) return null
  let rest = t.replace(/\s+/g, ' ')
  const seen = new Set<SmallTalk>()
  while (rest.length) {
    rest = rest.trimStart()
    if (!rest) break
    // Latin pieces must end at a word boundary: "hi" is not the start of "his".
    const hit = ALL.find(({ w }) => rest.startsWith(w) && !(/[a-z0-9]$/.test(w) && /^[a-z0-9]/.test(rest.slice(w.length))))
    if (!hit) return null
    if (hit.kind) seen.add(hit.kind)
    rest = rest.slice(hit.w.length)
  }
  return RANK.find((k) => seen.has(k)) ?? null
}
