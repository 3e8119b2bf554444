// The embed script, at a URL that never changes. One tag on any site:
//   <script src="https://service.example.com/webchat/widget.js" data-lang="zh" async></script>
// It is tiny and cached for minutes only; it loads the chat button from its content-hashed
// URL (cached for good), so a fix reaches every site within minutes.
import { WIDGET_BUTTON_GLOBAL } from './widgetHost.ts'

/** Set at build time to the hashed path of widgetButton.js. */
declare const KEFU_WIDGET_BUTTON: string

const me = document.currentScript as HTMLScriptElement | null
if (me && !(WIDGET_BUTTON_GLOBAL in window)) {
  const button = document.createElement('script')
  button.src = new URL(KEFU_WIDGET_BUTTON, me.src).href
  button.async = true
  button.setAttribute('data-lang', me.getAttribute('data-lang') ?? '')
  document.head.appendChild(button)
}
