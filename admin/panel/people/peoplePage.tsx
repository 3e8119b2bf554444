/**
 * /admin/people (admins): every staff account with role, capacity and teams editable in
 * its row, disable / enable (asked first), and a form to add someone. browser/people.ts
 * validates and sends the changes.
 */
import type { Hono } from 'hono'
import { requireRole } from '../../../bot/http/auth.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { panelPage, t } from '../shell.tsx'
import { listStaff } from './staff.ts'
import { describeRoute } from '../../../bot/http/api.ts'

const ROLES = ['agent', 'supervisor', 'admin'] as const

export function peoplePage(app: Hono<AppEnv>) {
  describeRoute(app, { method: 'get', path: '/admin/people', role: 'admin', summary: 'Page: staff accounts', tag: 'pages', produces: 'text/html' })
  app.get('/admin/people', requireRole('admin'), async (c) => {
    const locale = c.get('locale')
    const l = (k: string, v?: Record<string, string | number>) => t(locale, k, v)
    const staff = await listStaff(c.get('services').db)
    const me = c.get('actor')
    const myId = me?.type === 'user' ? me.id : 0
    return panelPage(c, {
      title: l('people.title'),
      path: '/admin/people',
      styles: ['panel-reports.css'],
      scripts: ['people.js'],
      children: (
        <>
          <div class="panel-head">
            <h1>{l('people.title')}</h1>
            <a class="button secondary" href="/admin/audit">
              {l('nav.audit')}
            </a>
          </div>
          <p class="muted">{l('people.intro')}</p>
          <div id="people-status" class="notice" role="status" hidden></div>
          <div id="people-error" class="error" role="alert" hidden></div>
          <div class="table-wrap card">
            <table data-testid="staff-list">
              <thead>
                <tr>
                  <th>{l('people.user')}</th>
                  <th>{l('people.displayName')}</th>
                  <th>{l('people.role')}</th>
                  <th>{l('people.capacity')}</th>
                  <th>{l('people.teams')}</th>
                  <th>{l('people.state')}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {staff.map((s) => (
                  <tr data-staff={String(s.id)} data-username={s.username} class={s.disabled ? 'disabled' : undefined}>
                    <td>
                      {s.username}
                      {s.id === myId && <span class="tag">{l('people.you')}</span>}
                    </td>
                    <td>
                      <input name="displayName" value={s.displayName} maxlength={100} required aria-label={l('people.displayName')} />
                      <span class="field-error" />
                    </td>
                    <td>
                      <select name="role" aria-label={l('people.role')}>
                        {ROLES.map((r) => (
                          <option value={r} selected={s.role === r}>
                            {l(`role.${r}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input type="number" name="capacity" min="1" max="100" value={String(s.capacity)} class="num" aria-label={l('people.capacity')} />
                      <span class="field-error" />
                    </td>
                    <td>
                      <input name="teams" value={s.teams.join(', ')} placeholder={l('people.teams.hint')} aria-label={l('people.teams')} />
                      <span class="field-error" />
                    </td>
                    <td class="nowrap">
                      {s.disabled ? (
                        <span class="status draft">{l('people.disabled')}</span>
                      ) : (
                        <span class={s.presence === 'online' ? 'status published' : 'muted small'}>{l(`people.presence.${s.presence}`)}</span>
                      )}
                    </td>
                    <td class="nowrap">
                      <button type="button" class="secondary" data-act="save">
                        {l('panel.save')}
                      </button>{' '}
                      {s.id !== myId &&
                        (s.disabled ? (
                          <button type="button" class="secondary" data-act="enable">
                            {l('people.enable')}
                          </button>
                        ) : (
                          <button type="button" class="danger" data-act="disable" data-confirm-text={l('people.disable.confirm', { name: s.displayName })}>
                            {l('people.disable')}
                          </button>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form id="staff-create" class="card" novalidate data-testid="staff-create">
            <h2>{l('people.add')}</h2>
            <div class="row">
              <label>
                {l('login.username')}
                <input name="username" required minlength={2} maxlength={64} pattern="[\w.@\-]+" autocomplete="off" />
                <span class="field-error" />
              </label>
              <label>
                {l('people.displayName')}
                <input name="displayName" maxlength={100} />
                <span class="field-error" />
              </label>
              <label>
                {l('people.role')}
                <select name="role">
                  {ROLES.map((r) => (
                    <option value={r}>{l(`role.${r}`)}</option>
                  ))}
                </select>
              </label>
              <label>
                {l('login.password')}
                <input name="password" type="password" required minlength={8} autocomplete="new-password" />
                <span class="field-error" />
              </label>
            </div>
            <div class="form-actions">
              <button type="submit" data-testid="staff-create-submit">
                {l('people.create')}
              </button>
            </div>
          </form>
        </>
      ),
    })
  })
}
