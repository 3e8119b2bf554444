/**
 * /admin/dashboard (supervisors and admins): the desk's numbers for a period and channel,
 * as charts; every figure links to /admin/dashboard/conversations with the same filter.
 */
import type { Hono } from 'hono'
import type { Child } from 'hono/jsx'
import { requireRole } from '../../../bot/http/auth.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import type { Locale } from '../../ui/i18n.ts'
import { panelPage, t } from '../shell.tsx'
import { DayBars, HBars, StackBar } from './charts.tsx'
import { dashboardFigures } from './figures.ts'
import { CHANNELS, periodLink, periodQuery, resolvePeriod, type Period } from './period.ts'
import { queryParams } from '../../../bot/http/json.ts'
import { describeRoute } from '../../../bot/http/api.ts'

export const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`)

export function duration(locale: Locale, s: number | null): string {
  if (s === null) return '—'
  const m = Math.floor(s / 60)
  return m ? t(locale, 'dash.minSec', { m, s: s % 60 }) : t(locale, 'dash.sec', { s })
}

function Kpi(p: { label: string; value: string; href: string; sub?: Child; testid: string; chart?: Child }) {
  return (
    <a class="kpi card" href={p.href} data-testid={p.testid}>
      <span class="kpi-label">{p.label}</span>
      <strong class="kpi-value">{p.value}</strong>
      {p.chart}
      {p.sub && <span class="muted small">{p.sub}</span>}
    </a>
  )
}

export function PeriodForm({ locale, p, action }: { locale: Locale; p: Period; action: string }) {
  const l = (k: string) => t(locale, k)
  return (
    <form method="get" action={action} class="card filters" data-testid="period-form">
      <label>
        {l('dash.from')}
        <input type="date" name="from" value={p.fromDay} required />
      </label>
      <label>
        {l('dash.to')}
        <input type="date" name="to" value={p.toDay} required />
      </label>
      <label>
        {l('dash.channel')}
        <select name="channel">
          <option value="">{l('kb.filter.any')}</option>
          {CHANNELS.filter((c) => c !== 'wechaty').map((ch) => (
            <option value={ch} selected={p.channel === ch}>
              {l(`panel.ch.${ch}`)}
            </option>
          ))}
        </select>
      </label>
      <div class="filter-buttons">
        <button type="submit">{l('kb.filter.apply')}</button>
      </div>
    </form>
  )
}

export function dashboardPage(app: Hono<AppEnv>) {
  describeRoute(app, { method: 'get', path: '/admin/dashboard', role: 'supervisor', summary: 'Page: dashboard', tag: 'pages', produces: 'text/html' })
  app.get('/admin/dashboard', requireRole('supervisor'), async (c) => {
    const locale = c.get('locale')
    const l = (k: string, v?: Record<string, string | number>) => t(locale, k, v)
    const { db, clock } = c.get('services')
    const p = await resolvePeriod(db, periodQuery.catch({}).parse(queryParams(c)), clock.now())
    const f = await dashboardFigures(db, p)
    const list = (show: string, extra: Record<string, string | number> = {}) => periodLink('/admin/dashboard/conversations', p, { show, ...extra })
    const s = f.satisfaction
    return panelPage(c, {
      title: l('dash.title'),
      path: '/admin/dashboard',
      styles: ['panel-reports.css'],
      children: (
        <>
          <h1>{l('dash.title')}</h1>
          <PeriodForm locale={locale} p={p} action="/admin/dashboard" />
          <div class="kpis">
            <Kpi
              testid="kpi-conversations"
              label={l('dash.conversations')}
              value={String(f.conversations.total)}
              href={list('all')}
              sub={`${p.fromDay} – ${p.toDay}`}
            />
            <Kpi
              testid="kpi-bot"
              label={l('dash.botResolved')}
              value={pct(f.botResolved.rate)}
              href={list('bot_resolved')}
              sub={l('dash.ofConversations', { n: f.botResolved.count, d: f.conversations.total })}
            />
            <Kpi
              testid="kpi-handoff"
              label={l('dash.handoff')}
              value={pct(f.handoff.rate)}
              href={list('handoff')}
              sub={l('dash.ofConversations', { n: f.handoff.count, d: f.conversations.total })}
            />
            <Kpi
              testid="kpi-fallback"
              label={l('dash.fallback')}
              value={pct(f.fallback.rate)}
              href={list('fallback')}
              sub={l('dash.ofReplies', { n: f.fallback.count, d: f.fallback.of })}
            />
            <Kpi
              testid="kpi-satisfaction"
              label={l('dash.satisfaction')}
              value={pct(s.rate)}
              href={list('surveyed')}
              sub={l('dash.surveys', { n: s.answered })}
              chart={
                <StackBar
                  label={l('dash.satisfaction')}
                  parts={[
                    { value: s.satisfied, cls: 'good', label: l('dash.satisfied') },
                    { value: s.basic, cls: 'ok', label: l('dash.basic') },
                    { value: s.dissatisfied, cls: 'bad', label: l('dash.dissatisfied') },
                  ]}
                />
              }
            />
            <Kpi
              testid="kpi-sla"
              label={l('dash.sla')}
              value={pct(f.sla.rate)}
              href={list('tickets')}
              sub={`${l('dash.slaParts', { fr: pct(f.sla.firstResponse), res: pct(f.sla.resolution), n: f.sla.tickets })}${p.channel ? ` · ${l('dash.allChannels')}` : ''}`}
            />
            <Kpi
              testid="kpi-frt"
              label={l('dash.frt')}
              value={duration(locale, f.firstResponse.medianSeconds)}
              href={list('first_response')}
              sub={l('dash.frtOf', { n: f.firstResponse.conversations })}
            />
          </div>
          <section class="card">
            <h2>{l('dash.perDay')}</h2>
            <DayBars
              label={l('dash.perDay')}
              points={f.conversations.perDay.map((d) => ({
                ...d,
                href: periodLink('/admin/dashboard/conversations', { ...p, fromDay: d.day, toDay: d.day }, { show: 'all' }),
              }))}
            />
          </section>
          <div class="dash-cols">
            <section class="card">
              <h2>{l('dash.topQuestions')}</h2>
              <HBars
                testid="top-questions"
                empty={l('dash.none')}
                rows={f.topQuestions.map((q) => ({ label: q.question, value: q.count, href: list('entry', { entry: q.entryId }) }))}
              />
            </section>
            <section class="card">
              <div class="panel-head">
                <h2>{l('dash.topUnanswered')}</h2>
                <a class="small" href="/admin/knowledge/unanswered">
                  {l('un.title')}
                </a>
              </div>
              <HBars
                testid="top-unanswered"
                empty={l('dash.none')}
                rows={f.topUnanswered.map((g) => ({
                  label: g.sample,
                  value: g.count,
                  cls: 'bar warn',
                  href: list('ids', { ids: g.conversationIds.join(',') }),
                }))}
              />
            </section>
            <section class="card">
              <h2>{l('dash.lowestRated')}</h2>
              <p class="muted small">{l('dash.lowestRated.how')}</p>
              <HBars
                testid="lowest-rated"
                empty={l('dash.none')}
                max={1}
                // The red bar is the share of bad ratings: the worst entry, first, has the longest.
                rows={f.lowestRated.map((e) => ({
                  label: e.question,
                  value: e.rate === null ? 0 : 1 - e.rate,
                  cls: 'bar bad',
                  href: list('rated', { entry: e.entryId }),
                  note: l('dash.ratedNote', {
                    rate: pct(e.rate),
                    badRate: pct(e.rate === null ? null : 1 - e.rate),
                    up: e.up,
                    down: e.down,
                    good: e.good,
                    bad: e.bad,
                  }),
                }))}
              />
            </section>
          </div>
        </>
      ),
    })
  })
}
