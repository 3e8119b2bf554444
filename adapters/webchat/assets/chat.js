// The chat page's script: wires the form and the buttons to the connection and the log,
// and shows plain states (connecting…, reconnecting…, waiting for a person).
import { createConnection, newId } from './connection.js'
import { createLog } from './render.js'

const root = document.getElementById('kefu-chat')
const strings = JSON.parse(root.dataset.strings)
const max = Number(root.dataset.max)
const lang = root.dataset.lang
const embedded = root.dataset.embed === '1'
const form = root.querySelector('.chat-form')
const input = form.querySelector('textarea')
const hint = root.querySelector('.chat-hint')
const counter = root.querySelector('.chat-counter')
const stateLine = root.querySelector('.chat-state')

const say = (key, vars = {}) => strings[key].replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''))
const chars = (text) => [...text].length

let hintKind = null
function showHint(text, kind = null) {
  hint.textContent = text ?? ''
  hint.hidden = !text
  hintKind = text ? kind : null
}

let connected = false
let status = null
function showState(state) {
  if (state) connected = state === 'connected'
  const text = !connected
    ? say(state === 'reconnecting' ? 'webchat.reconnecting' : 'webchat.connecting')
    : status === 'waiting'
      ? say('webchat.waiting')
      : status === 'agent'
        ? say('webchat.withAgent')
        : status === 'closed'
          ? say('webchat.ended')
          : ''
  stateLine.dataset.state = connected ? status || 'connected' : state || 'connecting'
  stateLine.textContent = text
  stateLine.hidden = !text
}

const log = createLog(root.querySelector('.chat-log'), strings, (button) => send(button.label, button.payload))

const conn = createConnection({
  api: root.dataset.api,
  lang,
  onMessage(m) {
    // Tell the embedding page, so a closed widget can show that something arrived.
    if (log.add(m) && embedded && m.from !== 'customer') parent.postMessage({ kefu: 'message' }, '*')
  },
  onState: showState,
  onStatus(s) {
    // "Ended" stays up until the visitor writes again and a new conversation starts.
    if (s == null && status === 'closed') return
    status = s
    log.setStatus(s)
    showState()
  },
})

async function send(text, payload, id = newId()) {
  log.addPending(id, text)
  const r = await conn.send(id, text, payload)
  if (r.ok) {
    if (status === 'closed') (status = null), showState()
    if (r.body.message.id) log.add({ id: r.body.message.id, clientId: id, from: 'customer', kind: 'customer', text, buttons: [], links: [], images: [] })
    r.body.replies.forEach((m) => log.add(m))
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
    log.markFailed(id, () => retry(id, text, payload))
  }
}

let limitTimer = null

/** Put a refused message back in the box, before anything typed since, so nothing is lost. */
function keepText(text) {
  input.value = input.value ? `${text}\n${input.value}` : text
  validate()
}

async function retry(id, text, payload) {
  log.drop(id)
  await send(text, payload, id)
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
