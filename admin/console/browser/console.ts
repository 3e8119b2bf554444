// The agent console: the conversation list (queue / mine / all), the live event stream,
// presence and the heartbeat. Events are hints and the API is the truth: on an event the
// page re-fetches what it shows, and every (re)connection starts with a `ready` event
// that does the same — so a dropped connection loses nothing.
import { api as call, ApiError } from '../../../bot/http/browser/api.ts'
import { byId, el, say as show } from '../../../bot/http/browser/dom.ts'
import { readStrings, translator } from '../../../bot/http/browser/strings.ts'
import type { ConsoleApp } from './context.ts'
import { conversationView } from './conversationView.ts'
import type { Agent, Canned, Detail, ListItem } from './types.ts'

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

  function itemNode(c: ListItem) {
    const who = c.assigneeName ? ` · ${t('console.handledBy', { name: c.assigneeName })}` : ''
    return el(
      'li',
      {},
      el(
        'button',
        {
          type: 'button',
          class: `conv${c.id === view.id ? ' open' : ''}`,
          'data-id': c.id,
          'data-testid': 'conv-item',
          onclick: () => void openConversation(c.id),
        },
        el(
          'span',
          { class: 'name' },
          c.customerName,
          c.tier === 'vip' ? el('span', { class: 'badge vip' }, t('console.vip')) : null,
          c.team ? el('span', { class: 'badge' }, t('console.team', { team: c.team })) : null,
        ),
        el('span', { class: 'muted small' }, `#${c.id} · ${c.channel} · ${t(`console.status.${c.status}`)}${who}`),
        c.last ? el('span', { class: 'last' }, c.last.text) : null,
      ),
    )
  }

  async function loadList() {
    const r = await api<{ items: ListItem[]; counts: Record<string, number> }>('GET', `/api/v1/console/conversations?view=${state.view}`)
    list.replaceChildren(...(r.items.length ? r.items.map(itemNode) : [el('li', { class: 'muted' }, t('console.empty'))]))
    for (const [k, n] of Object.entries(r.counts)) for (const b of root.querySelectorAll(`[data-count="${k}"]`)) b.textContent = n ? `(${n})` : ''
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
    for (const b of list.querySelectorAll<HTMLElement>('.conv')) b.classList.toggle('open', Number(b.dataset.id) === id)
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
      void Promise.all([loadList(), loadDetail(), loadAgents()]).catch(() => {})
    })
    es.addEventListener('inbox', (e) => {
      const ev = data(e) as { type: string; conversationId?: number }
      later('list', loadList)
      if (ev.type === 'presence') later('agents', loadAgents)
      if (ev.type === 'status' && ev.conversationId === view.id) later('detail', loadDetail)
      // The colleague it went to is not there: it waits in the queue again (issue 18, item 2).
      // (console-ux: the sound / desktop notification for a requeued chat hooks in here.)
      if (ev.type === 'requeued' && ev.conversationId === view.id) say(t('console.transfer.requeued'))
    })
    es.addEventListener('conversation', (e) => {
      const ev = data(e)
      if (ev.type === 'message') view.append(ev.message)
      if (ev.type === 'status') later('detail', loadDetail)
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
  const fromHash = Number(location.hash.match(/^#c(\d+)$/)?.[1])
  if (fromHash) void openConversation(fromHash).catch(() => connect())
  else connect()
}
