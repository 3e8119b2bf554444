/**
 * The chat page at `/`: the standalone customer-service page, and (with ?embed=1) what the
 * widget's iframe shows. Server-rendered with every label in the visitor's language;
 * messages are drawn by the client script, which gets its strings as JSON in a data
 * attribute (attribute escaping keeps that safe).
 */
import type { Hono } from 'hono'
import type { AppEnv } from '../../bot/http/types.ts'
import type { WebchatConfig } from './config.ts'
import { clientStrings, t, type Locale } from './i18n.ts'

export function ChatPage(props: { locale: Locale; embed: boolean; cfg: WebchatConfig }) {
  const { locale, embed, cfg } = props
  const other = locale === 'zh' ? 'en' : 'zh'
  return (
    <html lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <title>{t(locale, 'webchat.title')}</title>
        <link rel="stylesheet" href="/webchat/assets/chat.css" />
        <script type="module" src="/webchat/assets/chat.js"></script>
      </head>
      <body class={embed ? 'embed' : 'standalone'}>
        <div
          id="kefu-chat"
          class="chat"
          data-lang={locale}
          data-api="/webchat/api"
          data-max={String(cfg.maxMessageChars)}
          data-embed={embed ? '1' : '0'}
          data-strings={JSON.stringify(clientStrings(locale))}
        >
          <header class="chat-head">
            <div class="chat-title">
              <h1>{t(locale, 'webchat.title')}</h1>
              <p>{t(locale, 'webchat.subtitle')}</p>
            </div>
            <a class="chat-lang" href={`/?lang=${other}${embed ? '&embed=1' : ''}`} data-testid="chat-lang">
              {t(locale, 'webchat.language')}
            </a>
            {embed && (
              <button type="button" class="chat-close" aria-label={t(locale, 'webchat.close')} data-testid="chat-close">
                ×
              </button>
            )}
          </header>
          <p class="chat-state" role="status" aria-live="polite" data-testid="chat-state" data-state="connecting">
            {t(locale, 'webchat.connecting')}
          </p>
          <ol class="chat-log" aria-live="polite" data-testid="chat-log"></ol>
          <form class="chat-form" data-testid="chat-form" autocomplete="off">
            <p class="chat-hint" role="alert" data-testid="chat-hint" hidden></p>
            <div class="chat-row">
              <textarea name="text" rows={1} placeholder={t(locale, 'webchat.placeholder')} aria-label={t(locale, 'webchat.placeholder')} enterkeyhint="send"></textarea>
              <button type="submit">{t(locale, 'webchat.send')}</button>
            </div>
            <span class="chat-counter" aria-hidden="true" hidden></span>
          </form>
        </div>
        <noscript>
          <p class="chat-noscript">{locale === 'zh' ? '在线客服需要启用 JavaScript。' : 'The chat needs JavaScript to be enabled.'}</p>
        </noscript>
      </body>
    </html>
  )
}

export function chatPages(app: Hono<AppEnv>, cfg: WebchatConfig) {
  app.get('/', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.html(<ChatPage locale={c.get('locale')} embed={c.req.query('embed') === '1'} cfg={cfg} />)
  })
}
