/** The app modules `kefu start` mounts. Channel adapters join here as they are enabled. */
import { adminModule } from '../../admin/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import type { AppModule } from '../http/app.ts'
import { conversationsModule } from '../conversations/module.ts'
import { ticketsModule } from '../tickets/module.ts'
import { consoleModule } from '../../admin/console/module.ts'
import { webchatModule } from '../../adapters/webchat/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { telegramModule } from '../../adapters/telegram/module.ts'
import { teamsModule } from '../../adapters/teams/module.ts'
import { wechatOaModule } from '../../adapters/wechat-oa/module.ts'
import { wechatyModule } from '../../adapters/wechaty/module.ts'

export async function loadModules(): Promise<AppModule[]> {
  return [
    knowledgeModule,
    conversationsModule,
    ticketsModule,
    webchatModule,
    telegramModule,
    teamsModule,
    wechatOaModule,
    wechatyModule,
    consoleModule,
    panelModule,
    adminModule,
  ]
}
