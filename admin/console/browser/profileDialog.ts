/**
 * Edit the customer's profile from the conversation: name, phone, email, tags, notes, tier
 * and (supervisors) account manager. Phone and email are checked here with the server's own
 * rules (bot/customers/profileRules.ts) and again by the server; a refusal is shown beside
 * its field in the agent's language and the dialog keeps what was typed.
 */
import { ApiError } from '../../../bot/http/browser/api.ts'
import { el, field, markField, say } from '../../../bot/http/browser/dom.ts'
import { normaliseEmail, normalisePhone, PROFILE_ERRORS, PROFILE_LIMITS, type ProfileErrorCode } from '../../../bot/customers/profileRules.ts'
import type { ConsoleApp } from './context.ts'
import { dialogForm, fieldRow } from './dialogForm.ts'
import type { CustomerView, FieldIssue } from './types.ts'

const FIELD_OF: Record<string, string> = { accountManagerId: 'accountManager' }

export function profileDialog(app: ConsoleApp, cu: CustomerView) {
  const { t } = app
  const words = (code: ProfileErrorCode) => PROFILE_ERRORS[code][app.locale === 'en' ? 1 : 0]
  const input = (name: string, value: string | null, attrs: Record<string, string | number> = {}) =>
    el('input', { name, value: value ?? '', 'data-testid': `profile-${name}`, ...attrs })
  const tier = el(
    'select',
    { name: 'tier', 'data-testid': 'profile-tier' },
    ['standard', 'vip'].map((v) => el('option', { value: v, selected: cu.tier === v }, t(`console.tier.${v}`))),
  )
  const manager = el(
    'select',
    {
      name: 'accountManager',
      'data-testid': 'profile-manager',
      disabled: !app.supervisor,
      title: app.supervisor ? null : t('console.profile.manager.supervisor'),
    },
    el('option', { value: '' }, t('console.profile.manager.none')),
    app.agents().map((a) => el('option', { value: a.id, selected: cu.accountManager?.id === a.id }, a.displayName)),
  )
  const notes = el('textarea', { name: 'notes', rows: 3, maxlength: PROFILE_LIMITS.notes, 'data-testid': 'profile-notes' }, cu.notes)
  dialogForm(app, {
    testid: 'profile-dialog',
    title: t('console.profile.edit'),
    submitLabel: t('console.profile.save'),
    fields: [
      fieldRow(t('console.profile.name'), input('name', cu.name, { maxlength: PROFILE_LIMITS.name })),
      fieldRow(t('console.profile.phone'), input('phone', cu.phone, { inputmode: 'tel' })),
      fieldRow(t('console.profile.email'), input('email', cu.email, { inputmode: 'email' })),
      fieldRow(t('console.profile.tags'), input('tags', cu.tags.join(', ')), t('console.profile.tags.hint')),
      fieldRow(t('console.profile.notes'), notes),
      fieldRow(t('console.profile.tier'), tier),
      fieldRow(t('console.profile.manager'), manager),
    ],
    async submit({ form, status }) {
      const value = (name: string) => field(form, name).value.trim()
      const checks: [string, ProfileErrorCode | null][] = [
        ['phone', value('phone') && !normalisePhone(value('phone')) ? 'phone' : null],
        ['email', value('email') && !normaliseEmail(value('email')) ? 'email' : null],
      ]
      const ok = checks.map(([name, code]) => markField(field(form, name), code ? words(code) : '')).every(Boolean)
      if (!ok) {
        say(status, t('console.profile.invalid'))
        return false
      }
      const body: Record<string, unknown> = {
        name: value('name') || null,
        phone: value('phone') || null,
        email: value('email') || null,
        tags: value('tags')
          .split(/[,，、]/)
          .map((s) => s.trim())
          .filter(Boolean),
        notes: notes.value,
        tier: tier.value,
      }
      if (app.supervisor) body.accountManagerId = manager.value ? Number(manager.value) : null
      try {
        await app.call('PATCH', `/api/v1/customers/${encodeURIComponent(cu.id)}`, body)
      } catch (err) {
        const issues = err instanceof ApiError ? ((err.details.issues ?? []) as FieldIssue[]) : []
        if (!issues.length) throw err
        for (const i of issues) {
          const name = FIELD_OF[i.path] ?? i.path.split('.')[0]!
          const control = form.elements.namedItem(name)
          if (control instanceof Element) markField(control, (app.locale === 'en' ? i.en : i.zh) ?? i.message)
        }
        say(status, t('console.profile.invalid'))
        return false
      }
      await app.refresh()
      return true
    },
  })
}
