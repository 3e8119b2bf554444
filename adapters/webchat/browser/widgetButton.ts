// The chat button the embed script loads: a floating button that opens the chat page in an
// iframe. The iframe keeps our page, its storage and its styles apart from the host site;
// a shadow root keeps the host's CSS off the button. Its origin is the server it came from.
import { el } from '../../../bot/http/browser/dom.ts'
import { WIDGET_BUTTON_GLOBAL } from './widgetHost.ts'

const STYLE =
  ':host{all:initial}' +
  '.btn{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;' +
  'padding:0 18px;height:52px;border:0;border-radius:26px;background:#1d6fd8;color:#fff;cursor:pointer;' +
  'font:600 15px/1 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;box-shadow:0 6px 20px rgba(15,23,42,.25)}' +
  '.dot{display:none;width:9px;height:9px;border-radius:50%;background:#ff4d4f}.unread .dot{display:block}' +
  '.panel{position:fixed;right:20px;bottom:84px;z-index:2147483000;width:380px;height:600px;max-height:calc(100vh - 104px);' +
  'border:0;border-radius:14px;overflow:hidden;box-shadow:0 12px 40px rgba(15,23,42,.3);background:#fff;display:none}' +
  '.open .panel{display:block}' +
  '@media (max-width:520px){.panel{right:0;bottom:0;width:100%;height:100%;max-height:none;border-radius:0}.open .btn{display:none}}'

// The embed script has its own page-wide words (it runs before any page of ours loads).
const WORDS = { zh: { label: '在线客服', close: '关闭' }, en: { label: 'Chat with us', close: 'Close' } }

function pickLang(asked: string | null): 'zh' | 'en' {
  if (asked === 'zh' || asked === 'en') return asked
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en'
}

function mount(script: HTMLScriptElement) {
  const origin = new URL(script.src, location.href).origin
  const lang = pickLang(script.getAttribute('data-lang'))
  const words = WORDS[lang]
  const host = el('div', { 'data-kefu-widget': true })
  const shadow = host.attachShadow({ mode: 'open' })
  const text = el('span', {}, words.label)
  const button = el('button', { type: 'button', class: 'btn', 'aria-expanded': 'false' }, el('span', { class: 'dot' }), text)
  const wrap = el('div', {}, button)
  let frame: HTMLIFrameElement | null = null

  function setOpen(open: boolean) {
    if (open && !frame) {
      // Loaded on first open only: a page that never opens the chat costs nothing.
      frame = el('iframe', { class: 'panel', title: words.label, src: `${origin}/?embed=1&lang=${lang}` })
      wrap.appendChild(frame)
    }
    wrap.className = open ? 'open' : ''
    button.setAttribute('aria-expanded', String(open))
    text.textContent = open ? words.close : words.label
  }

  button.addEventListener('click', () => {
    button.className = 'btn'
    setOpen(wrap.className !== 'open')
  })
  // Only our own iframe may close the panel or light the unread dot.
  window.addEventListener('message', (e: MessageEvent<{ kefu?: string } | null>) => {
    if (!frame || e.origin !== origin || e.source !== frame.contentWindow || !e.data) return
    if (e.data.kefu === 'close') setOpen(false)
    if (e.data.kefu === 'message' && wrap.className !== 'open') button.className = 'btn unread'
  })

  shadow.append(el('style', {}, STYLE), wrap)
  if (document.body) document.body.appendChild(host)
  else document.addEventListener('DOMContentLoaded', () => document.body.appendChild(host))
}

const script = document.currentScript as HTMLScriptElement | null
if (script && !(WIDGET_BUTTON_GLOBAL in window)) {
  ;(window as unknown as Record<string, boolean>)[WIDGET_BUTTON_GLOBAL] = true
  mount(script)
}
