/** The knowledge base as an app module: its jobs, demo seed, and /api/v1/kb routes. */
import type { AppModule } from '../bot/http/app.ts'
import { entryRoutes } from './api/entryRoutes.ts'
import { searchRoutes } from './api/searchRoutes.ts'
import { taxonomyRoutes } from './api/taxonomyRoutes.ts'
import { transferRoutes } from './api/transferRoutes.ts'
import { ensureIndex, seedDemoKnowledge } from './demo/seedKnowledge.ts'
import { defineKnowledgeJobs } from './jobs.ts'
import { verifiedModelDir } from './embed/pretrained/files.ts'

export const knowledgeModule: AppModule = {
  name: 'knowledge',
  async prepare(services) {
    // A configured model whose files are missing or wrong stops start-up here, with the fix.
    if (services.config.denseModel) verifiedModelDir(services.config.denseModel)
    defineKnowledgeJobs(services)
    if (services.config.seedDemo) {
      const seeded = await seedDemoKnowledge(services)
      if (seeded) services.log.info({ entries: seeded }, 'demo knowledge base seeded')
    }
    if (await ensureIndex(services)) services.log.info('knowledge index built')
  },
  mount(app) {
    searchRoutes(app)
    entryRoutes(app)
    taxonomyRoutes(app)
    transferRoutes(app)
  },
}
