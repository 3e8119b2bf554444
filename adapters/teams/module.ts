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
import { botAuthorization } from './botToken.ts'
import { botAuthentication } from './verify.ts'

export function createTeamsModule(options: TeamsOptions = {}): AppModule {
  let setup:
    | { cfg: TeamsConfig; auth: ConfigurationBotFrameworkAuthentication; adapter: CloudAdapter; authorization: () => Promise<string | null> }
    | null
    | undefined

  const configure = (services: Services) => {
    if (setup === undefined) {
      const cfg = teamsConfig(services.config, options)
      const made = cfg ? botAuthentication(cfg, options.credentialsFactory) : null
      // No onTurnError: botbuilder would swallow a failed send, and the outbox must see it to retry.
      setup = cfg && made ? { cfg, auth: made.auth, adapter: new CloudAdapter(made.auth), authorization: botAuthorization(cfg, made.credentials) } : null
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
      if (s) teamsRoutes(app, services, s.cfg.auth ? s.auth : null, s.authorization)
    },
  }
}

export const teamsModule: AppModule = createTeamsModule()
