/**
 * --wordings varied: the demo's customer wordings inside the framings customers put around
 * a question, so a load step sends texts the server has not seen (and must embed) instead
 * of cycling 140 it soon remembers. Deterministic, so two runs send the same texts.
 */
const openings = ['', '你好，', '请问', '麻烦问一下，', '在吗？', '客服，', '我想知道', '问下']
const endings = ['', '？', '呢', '啊', '，谢谢', '。', '？？', '，急']

/** A function giving each step its next `count` texts, continuing where the last step stopped. */
export function variedWordings(questions: string[]): (count: number) => string[] {
  const all: string[] = []
  // Framing-major order: consecutive messages ask different questions, as different customers do.
  for (let f = 0; f < openings.length * endings.length; f++)
    for (const q of questions) all.push(`${openings[f % openings.length]}${q}${endings[Math.floor(f / openings.length)]}`)
  let next = 0
  return (count) => {
    const out = Array.from({ length: count }, (_, i) => all[(next + i) % all.length]!)
    next += count
    return out
  }
}
