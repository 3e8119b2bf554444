/**
 * The admin panel as an app module: knowledge curation (list, editor, history, try-it,
 * import, categories and synonyms, unanswered questions), the dashboard, people and the
 * audit log, and the settings page, on top of the knowledge API.
 * Mount after knowledgeModule and beside adminModule (which serves the shell and /admin).
 */
import type { AppModule } from '../../bot/http/app.ts'
import { addMessages } from '../ui/i18n.ts'
import { previewRoutes } from './api/previewRoutes.ts'
import { settingsRoutes } from './api/settingsRoutes.ts'
import { bulkPairs } from './i18n/bulkMessages.ts'
import { channelPairs } from './i18n/channelMessages.ts'
import { llmPairs } from './i18n/llmMessages.ts'
import { clientPairs } from './i18n/clientPairs.ts'
import { knowledgePairs } from './i18n/knowledgeMessages.ts'
import { split } from './i18n/pairs.ts'
import { settingsPairs } from './i18n/settingsMessages.ts'
import { editPage } from './knowledge/editPage.tsx'
import { historyPage } from './knowledge/historyPage.tsx'
import { importPage } from './knowledge/importPage.tsx'
import { listPage } from './knowledge/listPage.tsx'
import { taxonomyPage } from './knowledge/taxonomyPage.tsx'
import { tryPage } from './knowledge/tryPage.tsx'
import { settingsPage } from './settings/settingsPage.tsx'
import { conversationsPage } from './dashboard/conversationsPage.tsx'
import { dashboardPage } from './dashboard/dashboardPage.tsx'
import { dashboardRoutes } from './dashboard/routes.ts'
import { auditPairs } from './i18n/auditMessages.ts'
import { peoplePairs } from './i18n/peopleMessages.ts'
import { reportPairs } from './i18n/reportMessages.ts'
import { auditPage } from './people/auditPage.tsx'
import { peoplePage } from './people/peoplePage.tsx'
import { peopleRoutes } from './people/routes.ts'
import { unansweredRoutes } from './unanswered/routes.ts'
import { unansweredPage } from './unanswered/unansweredPage.tsx'
import { ticketPairs } from './i18n/ticketMessages.ts'
import { ticketPages } from './tickets/index.ts'

addMessages(
  split({
    ...knowledgePairs,
    ...bulkPairs,
    ...settingsPairs,
    ...channelPairs,
    ...llmPairs,
    ...clientPairs,
    ...reportPairs,
    ...peoplePairs,
    ...auditPairs,
    ...ticketPairs,
  }),
)

export const panelModule: AppModule = {
  name: 'panel',
  nav: [
    { href: '/admin/knowledge', labelKey: 'nav.knowledge', minRole: 'agent', order: 20 },
    { href: '/admin/knowledge/try', labelKey: 'nav.try', minRole: 'agent', order: 21 },
    { href: '/admin/knowledge/unanswered', labelKey: 'nav.unanswered', minRole: 'supervisor', order: 22 },
    { href: '/admin/tickets', labelKey: 'nav.tickets', minRole: 'agent', order: 25 },
    { href: '/admin/dashboard', labelKey: 'nav.dashboard', minRole: 'supervisor', order: 30 },
    { href: '/admin/people', labelKey: 'nav.people', minRole: 'admin', order: 80 },
    { href: '/admin/audit', labelKey: 'nav.audit', minRole: 'admin', order: 85 },
    { href: '/admin/settings', labelKey: 'nav.settings', minRole: 'admin', order: 90 },
  ],
  mount(app) {
    ticketPages(app)
    settingsRoutes(app)
    previewRoutes(app)
    unansweredRoutes(app)
    dashboardRoutes(app)
    peopleRoutes(app)
    // Fixed paths before /admin/knowledge/:id, which would otherwise claim them.
    listPage(app)
    unansweredPage(app)
    tryPage(app)
    importPage(app)
    taxonomyPage(app)
    editPage(app)
    historyPage(app)
    settingsPage(app)
    dashboardPage(app)
    conversationsPage(app)
    peoplePage(app)
    auditPage(app)
  },
}
