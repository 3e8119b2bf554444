/** `kefu` — start, worker, migrate, user create, and the commands feature areas add. */
import { Command } from 'commander'
import { ConfigError, loadConfig } from '../config.ts'
import { FolderInUseError } from '../db/folderLock.ts'
import { MigrationDriftError } from '../db/migrate.ts'
import { registerKnowledgeCommands } from '../../knowledge/cli.ts'
import { registerCoreCommands } from './core.ts'

const program = new Command()
program.name('kefu').description('Kefu (客服): chat-first customer service — bot, knowledge base, tickets, live agents.').showHelpAfterError()

registerCoreCommands(program, () => loadConfig())
registerKnowledgeCommands(program, () => loadConfig())

program.parseAsync(process.argv).catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\nNothing was started. Fix the variables above (see README "Configuration").\n`)
    process.exit(2)
  }
  if (err instanceof FolderInUseError) {
    process.stderr.write(`kefu: ${err.message}\n`)
    process.exit(2)
  }
  if (err instanceof MigrationDriftError) {
    process.stderr.write(`kefu: ${err.message}\nNothing was started. 未启动。\n`)
    process.exit(2)
  }
  process.stderr.write(`kefu: ${(err as Error)?.message ?? err}\n`)
  process.exit(1)
})
