/** /admin/settings (admins): thresholds with a what-if, handoff rules, office hours and holidays, channels, the language model. */
import type { Hono } from 'hono'
import { requireRole } from '../../../bot/http/auth.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { loadThresholds } from '../../../knowledge/decide/thresholds.ts'
import { readSettings } from '../api/settingsRoutes.ts'
import { panelPage, t } from '../shell.tsx'
import { staffClock } from '../../../bot/timeZone.ts'
import { ChannelsCard } from './channelsCard.tsx'
import { LlmCard, llmStatus } from './llmCard.tsx'
import { ThresholdsCard, type CalibrationRow } from './thresholdsCard.tsx'
import type { SettingValue } from '../../../bot/settings.ts'
import { describeRoute } from '../../../bot/http/api.ts'

export function settingsPage(app: Hono<AppEnv>) {
  describeRoute(app, { method: 'get', path: '/admin/settings', role: 'admin', summary: 'Page: settings', tag: 'pages', produces: 'text/html' })
  app.get('/admin/settings', requireRole('admin'), async (c) => {
    const locale = c.get('locale')
    const { db, config, clock } = c.get('services')
    const [inForce, cal, s, when, llm] = await Promise.all([
      loadThresholds(db),
      db.query<CalibrationRow>('select target_precision, calibrated, override, calibrated_at from kb_calibration where id = 1'),
      readSettings(db),
      staffClock(db),
      llmStatus(db, config, clock.now()),
    ])
    const l = (k: string) => t(locale, k)
    const hours = s.officeHours as { timezone: string; days: number[]; start: string; end: string; holidays: string[] } | null
    return panelPage(c, {
      title: l('set.title'),
      path: '/admin/settings',
      scripts: ['settings.js'],
      children: (
        <>
          <h1>{l('set.title')}</h1>
          <ThresholdsCard locale={locale} inForce={inForce} row={cal.rows[0]} when={when} />
          <form id="settings-form" class="card" novalidate data-testid="settings-form">
            <h2>{l('set.handoff')}</h2>
            <label>
              {l('set.keywords')}
              <textarea name="keywords" rows={4}>
                {(s['handoff.keywords'] as string[]).join('\n')}
              </textarea>
              <span class="field-error" />
            </label>
            <div class="row">
              <label>
                {l('set.waitTimeout')}
                <input type="number" name="waitTimeoutSec" min="10" max="86400" required value={String(s['handoff.waitTimeoutSec'])} />
                <span class="field-error" />
              </label>
              <label>
                {l('set.transferAccept')}
                <input type="number" name="transferAcceptSec" min="10" max="3600" required value={String(s['handoff.transferAcceptSec'])} />
                <span class="field-error" />
              </label>
              <label>
                {l('set.fallbacks')}
                <input type="number" name="fallbacksBeforeOffer" min="1" max="10" required value={String(s['handoff.fallbacksBeforeOffer'])} />
                <span class="field-error" />
              </label>
            </div>
            <label class="check">
              <input type="checkbox" name="autoAssign" checked={Boolean(s['handoff.autoAssign'])} />
              {l('set.autoAssign')}
            </label>
            <label>
              {l('set.access')}
              <select name="conversationAccess" data-testid="conversation-access">
                {(['team', 'open', 'own'] as const).map((mode) => (
                  <option value={mode} selected={s['conversations.access'] === mode}>
                    {l(`set.access.${mode}`)}
                  </option>
                ))}
              </select>
            </label>
            <h2>{l('set.surveys')}</h2>
            <div class="row">
              <label>
                {l('set.surveyScale')}
                <select name="surveyScale">
                  <option value="three" selected={s['surveys.scale'] === 'three'}>
                    {l('set.surveyScale.three')}
                  </option>
                  <option value="five" selected={s['surveys.scale'] === 'five'}>
                    {l('set.surveyScale.five')}
                  </option>
                </select>
              </label>
              <label>
                {l('set.surveyDelay')}
                <input type="number" name="surveyDelaySec" min="0" max="604800" required value={String(s['surveys.delaySec'])} />
                <span class="field-error" />
              </label>
              <label>
                {l('set.surveyExpire')}
                <input type="number" name="surveyExpireHours" min="0.1" max="720" step="0.1" required value={String(s['surveys.expireHours'])} />
                <span class="field-error" />
              </label>
            </div>
            <label class="check">
              <input type="checkbox" name="answerFeedback" checked={Boolean(s['surveys.answerFeedback'])} />
              {l('set.answerFeedback')}
            </label>
            <h2>{l('set.hours')}</h2>
            <label class="check">
              <input type="checkbox" name="alwaysOpen" checked={!hours} />
              {l('set.hours.always')}
            </label>
            <fieldset id="hours-fields" disabled={!hours}>
              <div class="row">
                <label>
                  {l('set.timezone')}
                  <input name="timezone" value={hours?.timezone ?? 'Asia/Shanghai'} required />
                  <span class="field-error" />
                </label>
                <label>
                  {l('set.start')}
                  <input type="time" name="start" value={hours?.start ?? '09:00'} required />
                </label>
                <label>
                  {l('set.end')}
                  <input type="time" name="end" value={hours?.end ?? '18:00'} required />
                  <span class="field-error" />
                </label>
              </div>
              <fieldset class="days">
                <legend>{l('set.days')}</legend>
                {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                  <label class="check">
                    <input type="checkbox" name="days" value={String(d)} checked={(hours?.days ?? [1, 2, 3, 4, 5]).includes(d)} />
                    {l(`day.${d}`)}
                  </label>
                ))}
                <span class="field-error" />
              </fieldset>
              <label>
                {l('set.holidays')}
                <textarea name="holidays" rows={3}>
                  {(hours?.holidays ?? []).join('\n')}
                </textarea>
                <span class="field-error" />
              </label>
            </fieldset>
            <div class="error" role="alert" hidden></div>
            <div class="notice" role="status" hidden></div>
            <div class="form-actions">
              <button type="submit" data-testid="save-settings">
                {l('set.save')}
              </button>
            </div>
          </form>
          <ChannelsCard locale={locale} settings={s} />
          <LlmCard locale={locale} status={llm} setting={s.llm as SettingValue<'llm'>} when={when} />
        </>
      ),
    })
  })
}
