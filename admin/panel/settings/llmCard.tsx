/**
 * The settings page's language-model section: whether a model is configured (endpoint host
 * and model name only — the key never reaches a page), today's tokens against the cap, how
 * the last calls ended, and the `llm` setting (per channel, compose, rewrite, assist, personal
 * data). browser/llmSettings.ts saves it through PUT /api/v1/panel/settings. Without a model
 * the switches would change nothing, so the card says how to configure one instead.
 */
import type { Config } from '../../../bot/config.ts'
import type { Db } from '../../../bot/db/client.ts'
import { tokensToday } from '../../../bot/llm/audit.ts'
import type { SettingValue } from '../../../bot/settings.ts'
import type { Locale } from '../../ui/i18n.ts'
import { t } from '../shell.tsx'
import { CHANNELS } from './channelsCard.tsx'

type LlmSetting = SettingValue<'llm'>
interface Call {
  purpose: string
  outcome: string
  latency_ms: number
  created_at: Date
}
export interface LlmStatus {
  configured: boolean
  endpoint: string
  model: string
  tokens: number
  cap: number
  calls: Call[]
}

const RECENT_CALLS = 10

/** What the card shows about the model; reads llm_calls only when a model is configured. */
export async function llmStatus(db: Db, config: Config, now: Date): Promise<LlmStatus> {
  const base = { configured: config.llm, endpoint: '', model: '', tokens: 0, cap: config.LLM_DAILY_TOKEN_CAP, calls: [] as Call[] }
  if (!config.llm) return base
  const [tokens, calls] = await Promise.all([
    tokensToday(db, now),
    db.query<Call>('select purpose, outcome, latency_ms, created_at from llm_calls order by id desc limit $1', [RECENT_CALLS]),
  ])
  return { ...base, endpoint: new URL(config.LLM_BASE_URL!).host, model: config.LLM_MODEL!, tokens, calls: calls.rows }
}

const SWITCHES = ['compose', 'rewrite', 'assist'] as const

export function LlmCard(props: { locale: Locale; status: LlmStatus; setting: LlmSetting; when: (d: Date) => string }) {
  const { locale, status, setting } = props
  const l = (k: string, v?: Record<string, string | number>) => t(locale, k, v)
  if (!status.configured) {
    return (
      <section class="card" data-testid="llm-card">
        <h2>{l('llm.title')}</h2>
        <p data-testid="llm-howto">{l('llm.none')}</p>
        <pre>{'LLM_BASE_URL=https://…/v1\nLLM_MODEL=qwen-plus\nLLM_API_KEY=…'}</pre>
        <p class="muted small">{l('llm.none.more')}</p>
      </section>
    )
  }
  return (
    <form id="llm-form" class="card" novalidate data-testid="llm-card">
      <h2>{l('llm.title')}</h2>
      <p data-testid="llm-model">{l('llm.using', { model: status.model, endpoint: status.endpoint })}</p>
      <p data-testid="llm-tokens">{status.cap > 0 ? l('llm.tokens', { n: status.tokens, cap: status.cap }) : l('llm.tokens.noCap', { n: status.tokens })}</p>
      {status.calls.length === 0 ? (
        <p class="muted">{l('llm.calls.none')}</p>
      ) : (
        <table class="compact" data-testid="llm-calls">
          <caption>{l('llm.calls')}</caption>
          <thead>
            <tr>
              <th>{l('llm.calls.when')}</th>
              <th>{l('llm.calls.purpose')}</th>
              <th>{l('llm.calls.outcome')}</th>
              <th>{l('llm.calls.latency')}</th>
            </tr>
          </thead>
          <tbody>
            {status.calls.map((c) => (
              <tr>
                <td>{props.when(new Date(c.created_at))}</td>
                <td>{l(`llm.purpose.${c.purpose}`)}</td>
                <td>{l(`llm.outcome.${c.outcome}`)}</td>
                <td>{`${c.latency_ms} ms`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <fieldset>
        <legend>{l('llm.channels')}</legend>
        {CHANNELS.map((ch) => (
          <label class="check">
            <input type="checkbox" name={`channel.${ch}`} data-channel={ch} checked={setting.channels[ch]} />
            {l(`ch.name.${ch}`)}
          </label>
        ))}
      </fieldset>
      {SWITCHES.map((k) => (
        <label class="check">
          <input type="checkbox" name={k} checked={setting[k]} />
          {l(`llm.${k}`)}
        </label>
      ))}
      <label class="check">
        <input type="checkbox" name="sendPersonalData" checked={setting.sendPersonalData} data-was={String(setting.sendPersonalData)} />
        {l('llm.sendPersonalData')}
      </label>
      <p class="muted small" data-testid="llm-personal-warning">
        {l('llm.sendPersonalData.warn')}
      </p>
      <div class="error" role="alert" hidden></div>
      <div class="notice" role="status" hidden></div>
      <div class="form-actions">
        <button type="submit" data-testid="save-llm">
          {l('llm.save')}
        </button>
      </div>
    </form>
  )
}
