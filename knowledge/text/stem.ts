/**
 * A light English suffix stripper. Customers write "cards", "charged", "charging":
 * matching needs one form. Deliberately conservative (no Porter step chains): a wrong
 * merge costs more precision than a missed one costs recall, and the character
 * n-grams already catch most of the rest.
 */
const KEEP = new Set(['is', 'was', 'has', 'does', 'this', 'us', 'yes', 'its', 'bus', 'plus', 'news', 'less'])

export function stem(word: string): string {
  if (word.length <= 3 || KEEP.has(word) || !/^[a-z]+$/.test(word)) return word
  let w = word
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`
  else if (w.endsWith('sses')) w = w.slice(0, -2)
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1)
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3))
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2))
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2)
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1)
  return w
}

// "stopped" → "stopp" → "stop"; "charged" → "charg" and "charge" → "charg" agree.
function undouble(w: string): string {
  const n = w.length
  if (n > 3 && w[n - 1] === w[n - 2] && !'lsz'.includes(w[n - 1]!)) return w.slice(0, -1)
  return w
}
