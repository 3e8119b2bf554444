/**
 * The admin panel as an app module: knowledge curation (list, editor, history, try-it,
 * import, categories and synonyms) and the settings page, on top of the knowledge API.
 * Mount after knowledgeModule and beside adminModule (which serves the shell and /admin).
 */
import type { AppModule } from '../../bot/http/app.ts'
import { addMessages } from '../ui/i18n.ts'
import { addNavItem } from '../ui/nav.ts'
import { settingsRoutes } from './api/settingsRoutes.ts'
import { panelAssets } from './assets.ts'
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

addMessages(split({ ...knowledgePairs, ...settingsPairs, ...clientPairs }))
addNavItem({ href: '/admin/knowledge', labelKey: 'nav.knowledge', minRole: 'agent', order: 20 })
addNavItem({ href: '/admin/knowledge/try', labelKey: 'nav.try', minRole: 'agent', order: 21 })
addNavItem({ href: '/admin/settings', labelKey: 'nav.settings', minRole: 'admin', order: 90 })

export const panelModule: AppModule = {
  name: 'panel',
  mount(app) {
    panelAssets(app)
    settingsRoutes(app)
    // Fixed paths before /admin/knowledge/:id, which would otherwise claim them.
    listPage(app)
    tryPage(app)
    importPage(app)
    taxonomyPage(app)
    editPage(app)
    historyPage(app)
    settingsPage(app)
  },
}
