/**
 * Where the visitor token is kept. Private browsing or a blocked third-party iframe can
 * refuse localStorage: the token lives in memory then (the visitor is new on each load).
 */
type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export const storage: KeyValue = (() => {
  try {
    localStorage.setItem('kefu.probe', '1')
    localStorage.removeItem('kefu.probe')
    return localStorage
  } catch {
    const m = new Map<string, string>()
    return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) }
  }
})()

/** A v4 uuid; crypto.randomUUID exists only on HTTPS and localhost. */
export function newId(): string {
  if (crypto.randomUUID) return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
