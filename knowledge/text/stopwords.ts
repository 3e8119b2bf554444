/**
 * Chinese particles, pronouns and filler that customers add around the question
 * ("请问一下我的花呗怎么还款呢"): as whole words they match every entry and drown the
 * rare words that say what is meant. Dropped from the word-level features and keyword
 * terms only; character n-grams still see them (typo tolerance stays). Question-intent
 * words (怎么, 为什么, 多久 …) are kept: they separate "how" from "why" entries.
 */
const STOP = new Set(
  (
    '吗 呢 啊 吧 呀 哦 嘛 哈 啦 了 的 地 得 着 过 我 你 您 他 她 它 我们 你们 他们 这 那 这个 那个 这样 那样 ' +
    '请问 请 问 一下 麻烦 谢谢 你好 您好 就 都 也 还 又 再 是 有 在 和 跟 与 及 或 把 被 给 对 让 个 一个 下 呀 哎 嗯 么'
  ).split(' '),
)

export function isStopWord(word: string): boolean {
  return STOP.has(word)
}
