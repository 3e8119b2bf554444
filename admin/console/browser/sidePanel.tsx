/** @jsxImportSource hono/jsx/dom */
// What the agent must know before typing: why it came to people, who this is, what happened before.
import { codeLabel, shortTime, type ConsoleApp } from './context.ts'
import type { Detail } from './types.ts'

function Summary({ app, d }: { app: ConsoleApp; d: Detail }) {
  const { t } = app
  const s = d.handoff.summary
  if (!s) return <p class="muted">{t('console.summary.none')}</p>
  const reason = d.handoff.reason && codeLabel(app, 'reason', d.handoff.reason)
  return (
    <>
      {reason && <p>{t('console.summary.reason', { reason })}</p>}
      <h4>{t('console.summary.asked')}</h4>
      <ul>
        {(s.asked ?? []).map((q) => (
          <li>{q}</li>
        ))}
      </ul>
      <h4>{t('console.summary.tried')}</h4>
      <ul>
        {(s.botTried ?? []).map((b) => (
          <li>
            <span class="muted">{`${codeLabel(app, 'kind', b.kind)}: `}</span>
            {b.text}
          </li>
        ))}
      </ul>
    </>
  )
}

function Profile({ app, d }: { app: ConsoleApp; d: Detail }) {
  const cu = d.customer
  const rows: [string, string | null][] = [
    ['tier', codeLabel(app, 'tier', cu.tier)],
    ['phone', cu.phone],
    ['email', cu.email],
    ['tags', cu.tags.join(', ')],
    ['notes', cu.notes],
  ]
  return (
    <dl>
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <>
            <dt>{app.t(`console.profile.${k}`)}</dt>
            <dd>{v}</dd>
          </>
        ))}
    </dl>
  )
}

function History({ app, d }: { app: ConsoleApp; d: Detail }) {
  const { t } = app
  if (!d.history.length) return <p class="muted">{t('console.history.none')}</p>
  return (
    <ul class="history">
      {d.history.map((h) => (
        <li>
          <button type="button" class="link" onClick={() => app.open(h.id)}>{`#${h.id} · ${shortTime(app, h.createdAt)}`}</button>
          {` ${t(`console.status.${h.status}`)} · ${t('console.history.messages', { n: h.messageCount })}`}
          {h.firstText && <div class="muted">{h.firstText}</div>}
        </li>
      ))}
    </ul>
  )
}

export function SidePanel({ app, d }: { app: ConsoleApp; d: Detail }) {
  const { t } = app
  return (
    <>
      <section data-testid="handoff-summary">
        <h3>{t('console.summary')}</h3>
        <Summary app={app} d={d} />
      </section>
      <section data-testid="profile">
        <h3>{t('console.profile')}</h3>
        <Profile app={app} d={d} />
      </section>
      <section>
        <h3>{t('console.identities')}</h3>
        <ul>
          {d.identities.map((i) => (
            <li>{`${i.channel} · ${i.displayName ?? i.externalId}`}</li>
          ))}
        </ul>
      </section>
      <section data-testid="history">
        <h3>{t('console.history')}</h3>
        <History app={app} d={d} />
      </section>
    </>
  )
}
