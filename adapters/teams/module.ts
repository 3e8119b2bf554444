/**
 * The Microsoft Teams channel (Bot Framework protocol) as an app module. Off unless
 * TEAMS_APP_ID is set (or TEAMS_AUTH=off for local testing). Every process that runs jobs
 * registers the sender (prepare runs in `kefu worker` too); the web process mounts
 * POST /api/messages.
 */
import { CloudAdapter, type ConfigurationBotFrameworkAuthentication } from 'botbuilder'
import type { Services } from '../../bot/context.ts'
import type { AppModule } from '../../bot/http/app.ts'
import { teamsConfig, type TeamsConfig, type TeamsOptions } from './config.ts'
import { teamsRoutes } from './routes.ts'
import { teamsSender } from './sender.ts'
import { botAuthentication } from './verify.ts'

export function createTeamsModule(options: TeamsOptions = {}): AppModule {
  let setup: { cfg: TeamsConfig; auth: ConfigurationBotFrameworkAuthentication; adapter: CloudAdapter } | null | undefined

  const configure = (services: Services) => {
    if (setup === undefined) {
      const cfg = teamsConfig(services.config, options)
      const auth = cfg ? botAuthentication(cfg) : null
      // No onTurnError: botbuilder would swallow a failed send, and the outbox must see it to retry.
      setup = cfg && auth ? { cfg, auth, adapter: new CloudAdapter(auth) } : null
      if (setup && !setup.cfg.auth) services.log.warn('teams: TEAMS_AUTH=off — POST /api/messages accepts unsigned requests; never do this in production')
    }
    // The setup is made once per module; each runtime it serves gets its sender.
    const s = setup
    if (s) services.senders.ensure('teams', () => teamsSender(services, s.adapter, s.cfg, services.config.PUBLIC_URL ?? null))
    return setup
  }

  return {
    name: 'teams',
    async prepare(services) {
      configure(services)
    },
    mount(app, services) {
      const s = configure(services)
      if (s) teamsRoutes(app, services, s.cfg.auth ? s.auth : null)
    },
  }
}

export const teamsModule: AppModule = createTeamsModule()
