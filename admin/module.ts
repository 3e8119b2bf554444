/** The staff web UI as an app module: its built browser files and the shell's pages. */
import type { AppModule } from '../bot/http/app.ts'
import { HOME_NAV } from './ui/nav.ts'
import { serveClientAssets } from '../bot/http/clientAssets/serve.ts'
import { staffAssets } from './assets.ts'
import { shellPages } from './ui/pages.tsx'

export const adminModule: AppModule = {
  name: 'admin',
  nav: [HOME_NAV],
  mount(app, services) {
    serveClientAssets(app, '/assets/', staffAssets)
    shellPages(app, services)
  },
}
