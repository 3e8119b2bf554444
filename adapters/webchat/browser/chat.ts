// The chat page's script: wires the form and the buttons to the connection and the log,
// and shows plain states (connecting…, reconnecting…, waiting for a person).
import { chars, readStrings, translator } from '../../../bot/http/browser/strings.ts'
import { createConnection } from './connection.ts'
import { createLog } from './render.ts'
import { outbox } from './outbox.ts'
import { newId } from './storage.ts'
import type { ConversationStatus } from './types.ts'

const root = document.getElementById('kefu-chat')!
// Set from script, not a style attribute: the page's CSP allows no inline style.
if (root.dataset.accent) root.style.setProperty('--accent', root.dataset.accent)
const strings = readStrings(root)
const say = translator(strings)
const max = Number(root.dataset.max)
const embedded = root.dataset.embed === '1'
const form = root.querySelector<HTMLFormElement>('.chat-form')!
const input = form.querySelector('textarea')!
const hint = root.querySelector<HTMLElement>('.chat-hint')!
const counter = root.querySelector<HTMLElement>('.chat-counter')!
const stateLine = root.querySelector<HTMLElement>('.chat-state')!

let hintKind: 'limit' | 'length' | null = null
function showHint(text: string | undefined, kind: typeof hintKind = null) {
  hint.textContent = text ?? ''
  hint.hidden = !text
  hintKind = text ? kind : null
}

let connected = false
let status: ConversationStatus = null
const STATUS_TEXT: Record<string, string> = { waiting: 'webchat.waiting', agent: 'webchat.withAgent', closed: 'webchat.ended' }
function showState(state?: 'connecting' | 'reconnecting' | 'connected') {
  if (state) connected = state === 'connected'
  const key = !connected ? (state === 'reconnecting' ? 'webchat.reconnecting' : 'webchat.connecting') : status && STATUS_TEXT[status]
  const text = key ? say(key) : ''
  stateLine.dataset.state = connected ? status || 'connected' : state || 'connecting'
  stateLine.textContent = text
  stateLine.hidden = !text
}

// The connection is made below; a file's URL is asked of it only when a message is drawn.
const log = createLog(
  root.querySelector('ol.chat-log')!,
  strings,
  (button) => void send(button.label, button.payload),
  (url) => conn.fileUrl(url),
)

const conn = createConnection({
  api: root.dataset.api!,
  lang: root.dataset.lang!,
  onMessage(m) {
    // Tell the embedding page, so a closed widget can show that something arrived.
    if (log.add(m) && embedded && m.from !== 'customer') parent.postMessage({ kefu: 'message' }, '*')
  },
  onState(state) {
    showState(state)
    // Back online: whatever was typed during the outage (or before a reload) goes now.
    if (state === 'connected') flushOutbox()
  },
  onStatus(s) {
    // "Ended" stays up until the visitor writes again and a new conversation starts.
    if (s == null && status === 'closed') return
    status = s
    log.setStatus(s)
    showState()
  },
})

let limitTimer: ReturnType<typeof setTimeout> | undefined
const sending = new Set<string>()

async function send(text: string, payload?: string, id = newId()) {
  log.addPending(id, text)
  outbox.put({ id, text, ...(payload ? { payload } : {}) })
  sending.add(id)
  const r = await conn.send(id, text, payload).finally(() => sending.delete(id))
  // The server answered for it (stored, or refused for good): nothing left to resend.
  if (r.ok || r.error.code !== 'network') outbox.remove(id)
  if (r.ok) {
    if (status === 'closed') (status = null), showState()
    const own = r.body.message.id
    if (own)
      log.add({
        id: own,
        clientId: id,
        from: 'customer',
        kind: 'customer',
        name: null,
        file: null,
        text,
        html: null,
        buttons: [],
        links: [],
        images: [],
        createdAt: new Date().toISOString(),
      })
    for (const m of r.body.replies) log.add(m)
  } else if (r.error.code === 'message_empty' || r.error.code === 'message_too_long') {
    log.drop(id)
    showHint(r.error.message) // the server's words are already in the customer's language
    if (!payload && !input.value) input.value = text
  } else if (r.error.code === 'rate_limited') {
    // Not stored, not answered: take it out of the log, give the text back, say why.
    log.drop(id)
    if (!payload) keepText(text)
    showHint(r.error.message || say('webchat.tooFast'), 'limit')
    clearTimeout(limitTimer)
    limitTimer = setTimeout(() => hintKind === 'limit' && showHint(''), Math.max(r.error.retryAfter, 3) * 1000)
  } else {
    log.markFailed(id, () => void retry(id, text, payload))
  }
}

/** Put a refused message back in the box, before anything typed since, so nothing is lost. */
function keepText(text: string) {
  input.value = input.value ? `${text}\n${input.value}` : text
  validate()
}

async function retry(id: string, text: string, payload?: string) {
  log.drop(id)
  await send(text, payload, id)
}

/** Send every kept message that is not on its way already (the same ids: the server stores each once). */
function flushOutbox() {
  for (const m of outbox.list()) {
    if (log.isConfirmed(m.id))
      outbox.remove(m.id) // it arrived before the outage cut the answer off
    else if (!sending.has(m.id)) void retry(m.id, m.text, m.payload)
  }
}

// Kept from before a reload: shown as not sent yet until the connection is up and flushes them.
for (const m of outbox.list()) {
  log.addPending(m.id, m.text)
  log.markFailed(m.id, () => void retry(m.id, m.text, m.payload))
}

function validate() {
  const n = chars(input.value)
  counter.hidden = n < max * 0.8
  counter.textContent = say('webchat.counter', { count: n, max })
  counter.classList.toggle('over', n > max)
  if (n > max) showHint(say('webchat.tooLong', { max }), 'length')
  else if (hintKind === 'length') showHint('')
  return n <= max
}

form.addEventListener('submit', (e) => {
  e.preventDefault()
  const text = input.value
  if (!text.trim()) return showHint(say('webchat.empty'))
  if (!validate()) return input.focus()
  input.value = ''
  validate()
  showHint('')
  void send(text)
})

input.addEventListener('input', () => {
  validate()
  input.style.height = 'auto'
  input.style.height = `${Math.min(input.scrollHeight, 140)}px`
})

// Enter sends, Shift+Enter breaks the line; never while an input method is composing Chinese.
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
    e.preventDefault()
    form.requestSubmit()
  }
})

root.querySelector('.chat-close')?.addEventListener('click', () => parent.postMessage({ kefu: 'close' }, '*'))

void conn.start()
