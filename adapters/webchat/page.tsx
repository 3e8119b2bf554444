/**
 * The chat page at `/`: the standalone customer-service page, and (with ?embed=1) what the
 * widget's iframe shows. Server-rendered with every label in the visitor's language;
 * messages are drawn by the client script, which gets its strings as JSON in a data
 * attribute (attribute escaping keeps that safe). The title, subtitle, accent colour and
 * welcome come from the channel settings, read per request (a change shows on the next load);
 * the accent travels as data-accent and the script sets it, as the page's CSP allows no inline style.
 */
import type { Hono } from 'hono'
import { greetingText, webchatSettings, type WebchatSettings } from '../../bot/channels/channelSettings.ts'
import { allowFraming } from '../../bot/http/securityHeaders.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { webchatAssets } from './assets.ts'
import type { WebchatConfig } from './config.ts'
import { clientStrings, t, type Locale } from './i18n.ts'
import { describeRoute } from '../../bot/http/api.ts'

export function ChatPage(props: { locale: Locale; embed: boolean; cfg: WebchatConfig; look: WebchatSettings }) {
  const { locale, embed, cfg, look } = props
  const other = locale === 'zh' ? 'en' : 'zh'
  const title = look.title[locale] || t(locale, 'webchat.title')
  return (
    <html lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <title>{title}</title>
        <link rel="stylesheet" href={webchatAssets().url('chat.css')} />
        <script src={webchatAssets().url('chat.js')} defer></script>
      </head>
      <body class={embed ? 'embed' : 'standalone'}>
        <div
          id="kefu-chat"
          class="chat"
          data-lang={locale}
          data-api="/webchat/api"
          data-max={String(cfg.maxMessageChars)}
          data-embed={embed ? '1' : '0'}
          data-accent={look.accent}
          data-strings={JSON.stringify(clientStrings(locale))}
        >
          <header class="chat-head">
            <div class="chat-title">
              <h1 data-testid="chat-title">{title}</h1>
              <p>{look.subtitle[locale] || t(locale, 'webchat.subtitle')}</p>
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
          <ol class="chat-log" aria-live="polite" data-testid="chat-log">
            <li class="msg msg-bot" data-welcome="" data-testid="chat-welcome">
              <span class="who">{t(locale, 'webchat.bot')}</span>
              <div class="bubble">
                <p class="text">{greetingText(look, locale)}</p>
              </div>
            </li>
          </ol>
          <form class="chat-form" data-testid="chat-form" autocomplete="off">
            <p class="chat-hint" role="alert" data-testid="chat-hint" hidden></p>
            <div class="chat-row">
              <textarea
                name="text"
                rows={1}
                placeholder={t(locale, 'webchat.placeholder')}
                aria-label={t(locale, 'webchat.placeholder')}
                enterkeyhint="send"
              ></textarea>
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
  describeRoute(app, { method: 'get', path: '/', role: 'public', summary: 'The web chat page (embeddable)', tag: 'webchat', produces: 'text/html' })
  app.get('/', async (c) => {
    c.header('Cache-Control', 'no-store')
    // The widget shows this page in an iframe on customers' sites; every other page refuses framing.
    allowFraming(c)
    const look = await webchatSettings(c.get('services').db)
    return c.html(<ChatPage locale={c.get('locale')} embed={c.req.query('embed') === '1'} cfg={cfg} look={look} />)
  })
}
