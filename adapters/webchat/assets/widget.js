// The embed script. One tag on any site:
//   <script src="https://service.example.com/webchat/widget.js" data-lang="zh" async></script>
// adds a floating chat button that opens the chat page in an iframe. The iframe keeps our
// page, its storage and its styles apart from the host site; a shadow root keeps the
// host's CSS off the button.
;(function () {
  var script = document.currentScript
  if (!script || window.__kefuWidget) return
  window.__kefuWidget = true
  var origin = new URL(script.src, location.href).origin
  var lang = script.getAttribute('data-lang') === 'en' ? 'en' : script.getAttribute('data-lang') === 'zh' ? 'zh' : ''
  if (!lang) lang = (navigator.language || '').toLowerCase().indexOf('zh') === 0 ? 'zh' : 'en'
  var label = lang === 'zh' ? '在线客服' : 'Chat with us'
  var closeLabel = lang === 'zh' ? '关闭' : 'Close'

  var host = document.createElement('div')
  host.setAttribute('data-kefu-widget', '')
  var shadow = host.attachShadow({ mode: 'open' })
  var style = document.createElement('style')
  style.textContent =
    ':host{all:initial}' +
    '.btn{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;' +
    'padding:0 18px;height:52px;border:0;border-radius:26px;background:#1d6fd8;color:#fff;cursor:pointer;' +
    'font:600 15px/1 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;box-shadow:0 6px 20px rgba(15,23,42,.25)}' +
    '.dot{display:none;width:9px;height:9px;border-radius:50%;background:#ff4d4f}.unread .dot{display:block}' +
    '.panel{position:fixed;right:20px;bottom:84px;z-index:2147483000;width:380px;height:600px;max-height:calc(100vh - 104px);' +
    'border:0;border-radius:14px;overflow:hidden;box-shadow:0 12px 40px rgba(15,23,42,.3);background:#fff;display:none}' +
    '.open .panel{display:block}' +
    '@media (max-width:520px){.panel{right:0;bottom:0;width:100%;height:100%;max-height:none;border-radius:0}.open .btn{display:none}}'
  var wrap = document.createElement('div')
  var button = document.createElement('button')
  button.type = 'button'
  button.className = 'btn'
  button.setAttribute('aria-expanded', 'false')
  var text = document.createElement('span')
  text.textContent = label
  var dot = document.createElement('span')
  dot.className = 'dot'
  button.appendChild(dot)
  button.appendChild(text)
  var frame = null

  function setOpen(open) {
    if (open && !frame) {
      // Loaded on first open only: a page that never opens the chat costs nothing.
      frame = document.createElement('iframe')
      frame.className = 'panel'
      frame.title = label
      frame.src = origin + '/?embed=1&lang=' + lang
      wrap.appendChild(frame)
    }
    wrap.className = open ? 'open' : ''
    button.setAttribute('aria-expanded', String(open))
    text.textContent = open ? closeLabel : label
  }

  button.addEventListener('click', function () {
    setOpen(wrap.className !== 'open')
  })
  // Only our own iframe may close the panel or light the unread dot.
  window.addEventListener('message', function (e) {
    if (!frame || e.origin !== origin || e.source !== frame.contentWindow || !e.data) return
    if (e.data.kefu === 'close') setOpen(false)
    if (e.data.kefu === 'message' && wrap.className !== 'open') button.className = 'btn unread'
  })
  button.addEventListener('click', function () {
    button.className = 'btn'
  })

  wrap.appendChild(button)
  shadow.appendChild(style)
  shadow.appendChild(wrap)
  if (document.body) document.body.appendChild(host)
  else document.addEventListener('DOMContentLoaded', function () { document.body.appendChild(host) })
})()
