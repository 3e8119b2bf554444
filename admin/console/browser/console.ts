// The agent console: the conversation list (queue / mine / all), the live event stream,
// presence and the heartbeat. Events are hints and the API is the truth: on an event the
// page re-fetches what it shows, and every (re)connection starts with a `ready` event
// that does the same — so a dropped connection loses nothing.
import { api as call, ApiError } from '../../../bot/http/browser/api.ts'
import { byId, el, say as show } from '../../../bot/http/browser/dom.ts'
import { readStrings, translator } from '../../../bot/http/browser/strings.ts'
import { alerter } from './alerts.ts'
import type { ConsoleApp } from './context.ts'
import { conversationView } from './conversationView.ts'
import { inboxItem } from './inboxItem.ts'
import { shortcuts } from './shortcuts.ts'
import type { Agent, Alerts, Canned, Detail, ListAnswer, ListItem } from './types.ts'
import { startWaitClock, syncClock } from './waitClock.ts'

const root = byId('console')
if (root) startConsole(root)

function startConsole(root: HTMLElement) {
  const t = translator(readStrings(root))
  const list = byId('conv-list')!
  const presence = byId<HTMLSelectElement>('presence')!
  const state = {
    view: 'queue',
    agents: [] as Agent[],
    canned: [] as Canned[],
    source: null as EventSource | null,
    timers: {} as Record<string, ReturnType<typeof setTimeout>>,
  }
  const later = (key: string, fn: () => Promise<unknown>) => {
    clearTimeout(state.timers[key])
    state.timers[key] = setTimeout(() => void fn().catch(() => {}), 120)
  }

  async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
    try {
      return await call<T>(method, url, body)
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) location.assign(`/login?next=${encodeURIComponent(location.pathname)}`)
      throw err
    }
  }

  // A refusal says why in the agent's language when we know the case; the server's words otherwise.
  function reason(err: unknown) {
    if (!(err instanceof ApiError)) return String(err)
    const d = err.details as { status?: string; assigneeId?: number }
    if (err.status !== 409) return err.message
    if (d.status === 'closed' || /closed/i.test(err.message)) return t('console.refused.closed')
    if (d.assigneeId && d.assigneeId !== app.me)
      return t('console.refused.taken', { name: state.agents.find((a) => a.id === d.assigneeId)?.displayName ?? `#${d.assigneeId}` })
    if (d.status) return t('console.refused.accept')
    return err.message
  }
  const banner = el('p', { class: 'error console-banner', role: 'alert', 'data-testid': 'refused', hidden: true })
  root.before(banner)
  const say = (text: string | null) => show(banner, text)

  const app: ConsoleApp = {
    t,
    me: Number(root.dataset.me),
    locale: root.dataset.locale ?? 'zh',
    supervisor: root.dataset.role !== 'agent',
    view: byId('conv-view')!,
    agents: () => state.agents,
    canned: () => state.canned,
    open: (id) => void openConversation(id),
    /** Run an action; on refusal show the reason and refresh, since our view was stale. */
    async act(id, verb, body) {
      say(null)
      try {
        await api('POST', `/api/v1/console/conversations/${id}/${verb}`, body ?? {})
        if (verb === 'accept') selectView('mine') // what I just took is now in my list
        await Promise.all([loadList(), loadDetail()])
        return true
      } catch (err) {
        say(t('console.refused', { reason: reason(err) }))
        await Promise.all([loadList(), loadDetail()]).catch(() => {})
        return false
      }
    },
    call: (method, url, body) => api(method, url, body),
    refresh: async () => void (await Promise.all([loadList(), loadDetail()])),
  }
  const view = conversationView(app)

  const alerts = alerter(t, { tools: byId('inbox-tools')!, strip: byId('console-alerts')!, open: (id) => void openConversation(id) })
  const tickWaits = startWaitClock(t, root)
  let shown: ListItem[] = []

  // The queue and my conversations are always fetched — they are what the alerts watch —,
  // and the list shows the selected view.
  async function loadList() {
    const get = (v: string) => api<ListAnswer>('GET', `/api/v1/console/conversations?view=${v}`)
    const [queue, mine, all] = await Promise.all([get('queue'), get('mine'), state.view === 'all' ? get('all') : null])
    syncClock(queue.now)
    const r = state.view === 'all' ? all! : state.view === 'mine' ? mine : queue
    shown = r.items
    list.replaceChildren(
      ...(r.items.length
        ? r.items.map((c) => inboxItem(t, c, view.id, (id) => void openConversation(id)))
        : [el('li', { class: 'muted' }, t('console.empty'))]),
    )
    for (const [k, n] of Object.entries(r.counts)) for (const b of root.querySelectorAll(`[data-count="${k}"]`)) b.textContent = n ? `(${n})` : ''
    alerts.update({ queue: queue.items, mine: mine.items, openId: document.visibilityState === 'visible' ? view.id : null })
    tickWaits()
  }
  async function loadAlerts() {
    alerts.drawStrip(await api<Alerts>('GET', '/api/v1/console/alerts'))
  }
  /** The open conversation counts as read while it is on screen. */
  async function markRead() {
    if (view.id && document.visibilityState === 'visible') await api('POST', `/api/v1/console/conversations/${view.id}/read`, {})
  }
  async function loadDetail() {
    if (view.id) view.render(await api<Detail>('GET', `/api/v1/console/conversations/${view.id}`))
  }
  async function loadAgents() {
    state.agents = (await api<{ items: Agent[] }>('GET', '/api/v1/console/agents')).items
    const me = state.agents.find((a) => a.id === app.me)
    if (me) presence.value = me.status
  }

  async function openConversation(id: number) {
    say(null)
    view.render(await api<Detail>('GET', `/api/v1/console/conversations/${id}`))
    history.replaceState(null, '', `#c${id}`)
    for (const b of list.querySelectorAll<HTMLElement>('.conv')) {
      b.classList.toggle('open', Number(b.dataset.id) === id)
      if (Number(b.dataset.id) === id) b.classList.remove('unread'), b.querySelector('[data-testid=unread]')?.remove()
    }
    await markRead().catch(() => {})
    connect()
  }

  function connect() {
    state.source?.close()
    const es = new EventSource(`/api/v1/console/stream${view.id ? `?conversation=${view.id}` : ''}`)
    state.source = es
    const linkState = byId('link-state')!
    const data = (e: Event) => JSON.parse((e as MessageEvent<string>).data)
    es.addEventListener('ready', () => {
      linkState.hidden = true
      void Promise.all([loadList(), loadDetail(), loadAgents(), loadAlerts()]).catch(() => {})
    })
    es.addEventListener('inbox', (e) => {
      const ev = data(e) as { type: string; conversationId?: number }
      later('list', loadList)
      if (ev.type === 'status') later('alerts', loadAlerts)
      if (ev.type === 'presence') later('agents', loadAgents)
      if (ev.type === 'status' && ev.conversationId === view.id) later('detail', loadDetail)
      // The colleague it went to is not there: it waits in the queue again (issue 18, item 2).
      // (console-ux: the sound / desktop notification for a requeued chat hooks in here.)
      if (ev.type === 'requeued' && ev.conversationId === view.id) say(t('console.transfer.requeued'))
    })
    es.addEventListener('conversation', (e) => {
      const ev = data(e)
      if (ev.type === 'message') view.append(ev.message), later('read', markRead)
      if (ev.type === 'status' || ev.type === 'assist') later('detail', loadDetail)
    })
    es.addEventListener('agent', (e) => {
      if ((data(e) as { type: string }).type === 'notification') later('alerts', loadAlerts)
    })
    es.onerror = () => (linkState.hidden = false) // the browser reconnects by itself
  }

  function selectView(name: string) {
    state.view = name
    for (const b of root.querySelectorAll<HTMLElement>('[data-view]')) b.setAttribute('aria-selected', String(b.dataset.view === name))
  }
  for (const tab of root.querySelectorAll<HTMLElement>('[data-view]')) tab.addEventListener('click', () => (selectView(tab.dataset.view!), void loadList()))
  presence.addEventListener('change', () => void api('PUT', '/api/v1/console/presence', { status: presence.value }).then(loadAgents))

  // Opening the console starts work: an offline agent comes online (away stays away).
  void (async () => {
    await loadAgents()
    if ((state.agents.find((a) => a.id === app.me)?.status ?? 'offline') === 'offline')
      await api('PUT', '/api/v1/console/presence', { status: 'online' }).then(loadAgents)
    state.canned = (await api<{ items: Canned[] }>('GET', '/api/v1/console/canned')).items
  })()
  setInterval(() => void api('POST', '/api/v1/console/heartbeat').catch(() => {}), 20_000)
  setInterval(() => void loadAlerts().catch(() => {}), 60_000) // SLA marks come from timers, not events
  // Coming back to the tab: what is on screen is read now.
  document.addEventListener(
    'visibilitychange',
    () =>
      void markRead()
        .then(loadList)
        .catch(() => {}),
  )

  const step = (delta: 1 | -1) => {
    if (!shown.length) return
    const at = shown.findIndex((c) => c.id === view.id)
    const next = shown[at < 0 ? (delta > 0 ? 0 : shown.length - 1) : Math.min(shown.length - 1, Math.max(0, at + delta))]!
    if (next.id !== view.id) void openConversation(next.id)
  }
  shortcuts(t, byId('inbox-tools')!, {
    move: step,
    focusReply: () => byId('reply')?.focus(),
    showView: (v) => (selectView(v), void loadList()),
    // The longest-waiting customer first (the queue's own order: VIP, then wait).
    acceptNext: () =>
      void api<ListAnswer>('GET', '/api/v1/console/conversations?view=queue').then(async (q) => {
        const first = q.items[0]
        if (!first) return say(t('console.nothingWaiting'))
        await openConversation(first.id)
        await app.act(first.id, 'accept')
      }),
  })
  const fromHash = Number(location.hash.match(/^#c(\d+)$/)?.[1])
  if (fromHash) void openConversation(fromHash).catch(() => connect())
  else connect()
}
