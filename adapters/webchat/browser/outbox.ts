/**
 * Messages the visitor typed that the server has not confirmed yet, kept in localStorage
 * under their client message id: a message typed while the server or the network is down
 * survives a reload and is sent again when the connection is back. The server
 * de-duplicates on that id, so a resend of one that did arrive is stored once.
 */
import { storage } from './storage.ts'

const KEY = 'kefu.webchat.outbox'

export interface Unsent {
  id: string
  text: string
  payload?: string
}

function read(): Unsent[] {
  try {
    const v = JSON.parse(storage.getItem(KEY) ?? '[]')
    return Array.isArray(v) ? v.filter((e) => e && typeof e.id === 'string' && typeof e.text === 'string') : []
  } catch {
    return []
  }
}

const write = (items: Unsent[]) => (items.length ? storage.setItem(KEY, JSON.stringify(items)) : storage.removeItem(KEY))

export const outbox = {
  list: read,
  /** Keep a message until the server answers for it (the same id again replaces nothing). */
  put(item: Unsent) {
    const items = read()
    if (!items.some((e) => e.id === item.id)) write([...items, item])
  },
  remove(id: string) {
    write(read().filter((e) => e.id !== id))
  },
}
