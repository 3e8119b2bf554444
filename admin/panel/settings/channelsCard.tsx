/**
 * The settings page's channel section: per channel, what is safe to change while it runs —
 * who answers first, the welcome (zh and en), 👍 / 👎 under answers, and the web chat's
 * title, subtitle and accent colour. browser/channelSettings.ts validates and saves it through
 * PUT /api/v1/panel/settings (`channels.<channel>` keys, audited). Secrets, tokens and
 * webhook URLs stay in the environment: restart-only, and never shown here.
 */
import { CHANNELS as ALL_CHANNELS, type Channel } from '../../../bot/conversations/types.ts'
import { MIN_ACCENT_CONTRAST, type SettingValue } from '../../../bot/settings.ts'
import { say } from '../../../bot/turn/phrases.ts'
import type { Locale } from '../../ui/i18n.ts'
import { t } from '../shell.tsx'

export const CHANNELS: readonly Channel[] = ALL_CHANNELS
type Settings = Record<string, unknown>
type Look = SettingValue<'channels.webchat'>

function Pair(props: {
  locale: Locale
  name: string
  label: string
  value: { zh: string; en: string }
  placeholder: { zh: string; en: string }
  max: number
  multiline?: boolean
}) {
  return (
    <div class="row">
      {(['zh', 'en'] as const).map((lang) => (
        // biome-ignore lint/a11y/noLabelWithoutControl: the control (textarea or input) is inside, chosen by a ternary the rule does not follow
        <label class="grow">
          {`${props.label}（${t(props.locale, `ch.lang.${lang}`)}）`}
          {props.multiline ? (
            <textarea name={`${props.name}.${lang}`} rows={3} maxlength={props.max} placeholder={props.placeholder[lang]} data-max={String(props.max)}>
              {props.value[lang]}
            </textarea>
          ) : (
            <input
              name={`${props.name}.${lang}`}
              maxlength={props.max}
              placeholder={props.placeholder[lang]}
              value={props.value[lang]}
              data-max={String(props.max)}
            />
          )}
          <span class="field-error" />
        </label>
      ))}
    </div>
  )
}

export function ChannelsCard(props: { locale: Locale; settings: Settings }) {
  const { locale } = props
  const l = (k: string, v?: Record<string, string | number>) => t(locale, k, v)
  const keepDefault = { zh: t('zh', 'ch.default'), en: t('en', 'ch.default') }
  return (
    <form id="channels-form" class="card" novalidate data-testid="channels-form" data-min-contrast={String(MIN_ACCENT_CONTRAST)}>
      <h2>{l('ch.title')}</h2>
      <p class="muted">{l('ch.intro')}</p>
      <p class="muted small">{l('ch.restartOnly')}</p>
      <div class="channel-grid">
        {CHANNELS.map((ch) => {
          const s = props.settings[`channels.${ch}`] as Look
          return (
            <fieldset data-channel={ch} data-testid={`ch-${ch}`}>
              <legend>{l(`ch.name.${ch}`)}</legend>
              <label>
                {l('ch.handling')}
                <select name={`${ch}.handling`} data-was={s.handling}>
                  <option value="bot" selected={s.handling === 'bot'}>
                    {l('ch.handling.bot')}
                  </option>
                  <option value="people" selected={s.handling === 'people'}>
                    {l('ch.handling.people')}
                  </option>
                </select>
              </label>
              <label class="check">
                <input type="checkbox" name={`${ch}.answerFeedback`} checked={s.answerFeedback} />
                {l('ch.feedback')}
              </label>
              <Pair
                locale={locale}
                name={`${ch}.greeting`}
                label={l('ch.greeting')}
                value={s.greeting}
                max={500}
                multiline
                placeholder={{ zh: say('greeting', 'zh'), en: say('greeting', 'en') }}
              />
              <p class="muted small">{l(`ch.greeting.when.${ch}`)}</p>
              {ch === 'webchat' && (
                <>
                  <Pair locale={locale} name="webchat.title" label={l('ch.chatTitle')} value={s.title} max={40} placeholder={keepDefault} />
                  <Pair locale={locale} name="webchat.subtitle" label={l('ch.chatSubtitle')} value={s.subtitle} max={100} placeholder={keepDefault} />
                  <label>
                    {l('ch.accent')}
                    <span class="accent-pick">
                      <input type="color" name="webchat.accent" value={s.accent} data-testid="ch-accent" />
                      <span class="accent-sample" data-accent={s.accent}>
                        {l('ch.accent.sample')}
                      </span>
                    </span>
                    <span class="field-error" />
                  </label>
                  <p class="muted small">{l('ch.accent.help', { n: MIN_ACCENT_CONTRAST })}</p>
                </>
              )}
            </fieldset>
          )
        })}
      </div>
      <div class="error" role="alert" hidden></div>
      <div class="notice" role="status" hidden></div>
      <div class="form-actions">
        <button type="submit" data-testid="save-channels">
          {l('ch.save')}
        </button>
      </div>
    </form>
  )
}
