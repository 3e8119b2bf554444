/**
 * The web chat's browser files: the chat page's script and stylesheet and the chat button,
 * under content-hashed names in /webchat/assets/; and the embed script customers' sites
 * include, /webchat/widget.js, whose URL never changes (it loads the hashed button).
 */
import { lazyClientAssets } from '../../bot/http/clientAssets/build.ts'

const src = (path: string) => new URL(path, import.meta.url)

export const webchatAssets = lazyClientAssets({
  publicPath: '/webchat/assets/',
  // Classic scripts: the button runs on other sites' pages, where document.currentScript must work.
  format: 'iife',
  entries: [src('./browser/chat.ts'), src('./browser/widgetButton.ts'), src('./assets/chat.css')],
})

export const embedScript = lazyClientAssets(() => ({
  publicPath: '/webchat/',
  format: 'iife',
  hashed: false,
  entries: [src('./browser/widget.ts')],
  define: { KEFU_WIDGET_BUTTON: JSON.stringify(webchatAssets().url('widgetButton.js')) },
}))
