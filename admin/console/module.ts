/**
 * The agent console as an app module: the conversations API (with labels), the customers
 * API (profile, merge), the live event stream,
 * presence, canned responses, and the /admin/inbox and /admin/canned pages. Logging out
 * marks the agent offline, which puts their open conversations back in the queue.
 */
import type { AppModule } from '../../bot/http/app.ts'
import { onLogout } from '../../bot/http/authRoutes.ts'
import type { Ctx } from '../../bot/context.ts'
import { setPresence } from '../../bot/handoff/presence.ts'
import { addMessages } from '../ui/i18n.ts'
import { alertMessages } from './alertMessages.ts'
import { alertRoutes } from './alertRoutes.ts'
import { cannedPage } from './cannedPage.tsx'
import { conversationRoutes } from './conversationRoutes.ts'
import { customerRoutes } from './customerRoutes.ts'
import { inboxPage } from './inboxPage.tsx'
import { consoleMessages } from './messages.ts'
import { mediaRoutes } from './mediaRoutes.ts'
import { staffRoutes } from './staffRoutes.ts'
import { streamRoute } from './stream.ts'

addMessages(consoleMessages)
addMessages(alertMessages)

/** One function for every app instance (the hook set keeps a single copy). */
const offlineOnLogout = async (ctx: Ctx) => {
  if (ctx.actor.type === 'user') await setPresence(ctx, ctx.actor.id, 'offline')
}

export const consoleModule: AppModule = {
  name: 'console',
  nav: [
    { href: '/admin/inbox', labelKey: 'nav.inbox', minRole: 'agent', order: 10 },
    { href: '/admin/canned', labelKey: 'nav.canned', minRole: 'supervisor', order: 11 },
  ],
  mount(app) {
    onLogout(offlineOnLogout)
    conversationRoutes(app)
    customerRoutes(app)
    alertRoutes(app)
    staffRoutes(app)
    mediaRoutes(app)
    streamRoute(app)
    inboxPage(app)
    cannedPage(app)
  },
}
