/**
 * /admin/knowledge/unanswered — 未知问题: what the bot could not answer, grouped, with the
 * three ways out (similar question of an entry, new entry, dismiss), and agents' replies
 * after a handover proposed as new entries. browser/unanswered.ts runs the buttons.
 */
import type { Hono } from 'hono'
import { requireRole } from '../../../bot/http/auth.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { panelPage, t } from '../shell.tsx'
import { staffClock } from '../../../bot/timeZone.ts'
import { agentPairGroups } from './agentPairs.ts'
import { unansweredGroups } from './queries.ts'
import { periodOf, unansweredQuery } from './routes.ts'
import { queryParams } from '../../../bot/http/json.ts'
import { describeRoute } from '../../../bot/http/api.ts'

const CHANNELS = ['webchat', 'wechat', 'telegram', 'teams'] as const
const convLink = (ids: number[]) => `/admin/dashboard/conversations?ids=${[...new Set(ids)].slice(0, 50).join(',')}`
const newEntry = (question: string, answer?: string) => `/admin/knowledge/new?${new URLSearchParams({ question, ...(answer ? { answer } : {}) })}`

export function unansweredPage(app: Hono<AppEnv>) {
  describeRoute(app, {
    method: 'get',
    path: '/admin/knowledge/unanswered',
    role: 'supervisor',
    summary: 'Page: questions the bot could not answer',
    tag: 'pages',
    produces: 'text/html',
  })
  app.get('/admin/knowledge/unanswered', requireRole('supervisor'), async (c) => {
    const locale = c.get('locale')
    const l = (k: string, v?: Record<string, string | number>) => t(locale, k, v)
    const q = unansweredQuery.parse(queryParams(c))
    const db = c.get('services').db
    const when = await staffClock(db)
    const p = periodOf(q, c.get('services').clock.now())
    const [groups, pairs] = await Promise.all([unansweredGroups(db, p), agentPairGroups(db, p)])
    return panelPage(c, {
      title: l('un.title'),
      path: '/admin/knowledge/unanswered',
      styles: ['panel-reports.css'],
      scripts: ['unanswered.js'],
      children: (
        <>
          <div class="panel-head">
            <h1>{l('un.title')}</h1>
            <a class="button secondary" href="/admin/knowledge">
              {l('kb.title')}
            </a>
          </div>
          <p class="muted">{l('un.intro')}</p>
          <form method="get" class="card filters" data-testid="un-filters">
            <label>
              {l('un.days')}
              <select name="days">
                {[7, 30, 90, 365].map((d) => (
                  <option value={String(d)} selected={q.days === d}>
                    {l('un.lastDays', { n: d })}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {l('dash.channel')}
              <select name="channel">
                <option value="">{l('kb.filter.any')}</option>
                {CHANNELS.map((ch) => (
                  <option value={ch} selected={q.channel === ch}>
                    {l(`panel.ch.${ch}`)}
                  </option>
                ))}
              </select>
            </label>
            <div class="filter-buttons">
              <button type="submit">{l('kb.filter.apply')}</button>
            </div>
          </form>
          <div id="un-status" class="notice" role="status" hidden></div>
          <div id="un-error" class="error" role="alert" hidden></div>
          <section class="card" aria-labelledby="un-q">
            <h2 id="un-q">{l('un.questions', { n: groups.length })}</h2>
            {groups.length === 0 ? (
              <p class="muted">{l('un.none')}</p>
            ) : (
              <ul class="un-list" data-testid="un-questions">
                {groups.map((g) => (
                  <li class="un-item" data-sample={g.sample} data-keys={JSON.stringify(g.keys)}>
                    <div class="un-main">
                      <strong class="un-text">{g.sample}</strong>
                      <span class="muted small">
                        {l('un.count', { n: g.count })} · {l('un.lastSeen', { at: when(g.lastSeen) })}
                        {g.keys.length > 1 && ` · ${l('un.variants', { n: g.keys.length })}`} ·{' '}
                        <a href={convLink(g.items.map((i) => i.conversationId))}>{l('un.conversations')}</a>
                      </span>
                    </div>
                    <div class="actions">
                      <button type="button" data-act="similar" data-testid="un-add-similar">
                        {l('un.addSimilar')}
                      </button>
                      <a class="button secondary" href={newEntry(g.sample)}>
                        {l('un.newEntry')}
                      </a>
                      <button type="button" class="danger" data-act="dismiss" data-confirm-text={l('un.dismiss.confirm', { q: g.sample })}>
                        {l('un.dismiss')}
                      </button>
                    </div>
                    <div class="un-picker" hidden></div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="card" aria-labelledby="un-a">
            <h2 id="un-a">{l('un.agentReplies', { n: pairs.length })}</h2>
            <p class="muted small">{l('un.agentReplies.intro')}</p>
            {pairs.length === 0 ? (
              <p class="muted">{l('un.none')}</p>
            ) : (
              <ul class="un-list" data-testid="un-pairs">
                {pairs.map((g) => (
                  <li class="un-item" data-sample={g.sample} data-keys={JSON.stringify(g.keys)} data-source="agent_reply">
                    <div class="un-main">
                      <strong class="un-text">{g.sample}</strong>
                      <div class="bubble pre small">{`${g.items[0]!.agent}：${g.items[0]!.reply}`}</div>
                      <span class="muted small">
                        {l('un.count', { n: g.count })} · {l('un.lastSeen', { at: when(g.lastSeen) })} ·{' '}
                        <a href={convLink(g.items.map((i) => i.conversationId))}>{l('un.conversations')}</a>
                      </span>
                    </div>
                    <div class="actions">
                      <a class="button" href={newEntry(g.sample, g.items[0]!.reply)}>
                        {l('un.proposeEntry')}
                      </a>
                      <button type="button" class="danger" data-act="dismiss" data-confirm-text={l('un.dismiss.confirm', { q: g.sample })}>
                        {l('un.dismiss')}
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ),
    })
  })
}
