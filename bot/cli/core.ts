/** The platform's own commands: start, worker, migrate, user create. */
import type { Command } from 'commander'
import type { Config } from '../config.ts'
import { systemCtx } from '../context.ts'
import { seedDemoStaff } from '../demo/seedStaff.ts'
import { createApp } from '../http/app.ts'
import { createLogger } from '../log.ts'
import { createRuntime, type Runtime } from '../runtime.ts'
import { listen, stopOnSignals } from '../server.ts'
import { createUser } from '../staff/createUser.ts'
import { setPassword } from '../staff/setPassword.ts'
import { accountsBox } from './accountsBox.ts'
import { newPassword } from '../auth/secrets.ts'
import { loadModules } from './modules.ts'
import { progress } from './progress.ts'

type LoadConfig = () => Promise<Config>

async function runtimeWithProgress(config: Config, consumeJobs: boolean): Promise<Runtime> {
  const bar = progress('migrations')
  try {
    return await createRuntime(config, { consumeJobs, onMigrateProgress: (d, t, n) => bar.update(d, t, n) })
  } finally {
    bar.stop()
  }
}

export function registerCoreCommands(program: Command, loadConfig: LoadConfig) {
  program
    .command('start')
    .description('Run the server (and, unless --no-worker, the job workers) — embedded PGlite when DATABASE_URL is unset')
    .option('--no-worker', 'do not consume jobs here (run `kefu worker` separately)')
    .option('-p, --port <port>', 'override PORT')
    .action(async (opts: { worker: boolean; port?: string }) => {
      const config = await loadConfig()
      if (opts.port) config.PORT = Number(opts.port)
      const consume = opts.worker && config.RUN_WORKERS
      const runtime = await runtimeWithProgress(config, consume)
      const modules = await loadModules()
      for (const m of modules) await m.prepare?.(runtime)
      const accounts = config.seedDemo ? await seedDemoStaff(runtime) : []
      const app = createApp(runtime, modules)
      if (consume) await runtime.jobs.start()
      const server = await listen(app, runtime, { port: config.PORT, host: config.HOST })
      stopOnSignals(async () => {
        for (const m of modules) await m.stop?.().catch((err) => runtime.log.warn({ err, module: m.name }, 'module stop failed'))
        await server.stop()
      }, runtime)
      runtime.log.info({ port: server.port, database: runtime.db.kind, jobs: runtime.jobs.driver }, 'kefu is serving')
      process.stdout.write(`\nKefu is running: http://localhost:${server.port}  (staff: http://localhost:${server.port}/admin)\n`)
      // Last, so nothing scrolls the one-time passwords out of view.
      if (accounts.length) process.stdout.write(accountsBox(accounts, `http://localhost:${server.port}/admin`))
    })

  program
    .command('worker')
    .description('Run job workers only (for the Redis setup, beside `kefu start --no-worker`)')
    .action(async () => {
      const config = await loadConfig()
      const runtime = await runtimeWithProgress(config, true)
      for (const m of await loadModules()) await m.prepare?.(runtime)
      await runtime.jobs.start()
      stopOnSignals(() => runtime.close(), runtime)
      runtime.log.info({ jobs: runtime.jobs.driver }, 'kefu worker is running')
    })

  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .action(async () => {
      const config = await loadConfig()
      const runtime = await runtimeWithProgress(config, false)
      await runtime.close()
      process.stdout.write('Database is up to date.\n')
    })

  program
    .command('channels')
    .description('List the channels, whether each is configured here, and whether its platform answers')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      // Channel adapters are loaded here, not at start-up of every command.
      const { channelStatuses } = await import('../../adapters/status.ts')
      const statuses = await channelStatuses(await loadConfig())
      if (opts.json) return void process.stdout.write(`${JSON.stringify(statuses, null, 2)}\n`)
      for (const s of statuses) {
        const health = s.healthy === null ? '—' : s.healthy ? 'healthy' : 'UNHEALTHY'
        process.stdout.write(`${s.channel.padEnd(9)} ${(s.configured ? 'configured' : 'off').padEnd(11)} ${health.padEnd(10)} ${s.detail}\n`)
      }
      if (statuses.some((s) => s.configured && s.healthy === false)) process.exitCode = 1
    })

  program
    .command('llm')
    .description('Check the model endpoint (LLM_BASE_URL, LLM_MODEL): key accepted, JSON answers, inside LLM_TIMEOUT_MS')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = await loadConfig()
      // Its stdout is the answer (and JSON with --json): logs go to stderr.
      const runtime = await createRuntime(config, { consumeJobs: false, log: createLogger(config, process.stderr) })
      try {
        const { checkLlm } = await import('../llm/health.ts')
        const h = await checkLlm(config, runtime.db, runtime.log)
        if (opts.json) process.stdout.write(`${JSON.stringify(h, null, 2)}\n`)
        else {
          const state = h.healthy === null ? 'off' : h.healthy ? 'healthy' : 'UNHEALTHY'
          process.stdout.write(`model     ${state.padEnd(10)} ${h.model ? `${h.model} @ ${h.endpoint}: ` : ''}${h.detail}\n`)
        }
        if (h.healthy === false) process.exitCode = 1
      } finally {
        await runtime.close()
      }
    })

  const user = program.command('user').description('Manage staff accounts')
  user
    .command('set-password')
    .description('Give a staff account a new password (prints a generated one when none is given); ends its sessions')
    .requiredOption('-u, --username <name>', 'login name')
    .option('--password <password>', 'the new password (default: generate one and print it)')
    .action(async (opts: { username: string; password?: string }) => {
      const config = await loadConfig()
      const runtime = await createRuntime(config, { consumeJobs: false })
      try {
        const password = opts.password ?? newPassword()
        await setPassword({ ctx: systemCtx(runtime, 'cli'), input: { username: opts.username, password } })
        process.stdout.write(`New password set for "${opts.username}"; their sessions have ended.\n`)
        if (!opts.password) process.stdout.write(`Password: ${password}\n(shown once — store it now)\n`)
      } finally {
        await runtime.close()
      }
    })
  user
    .command('create')
    .description('Create a staff account; prints a generated password when none is given')
    .requiredOption('-u, --username <name>', 'login name')
    .requiredOption('-r, --role <role>', 'admin, supervisor or agent')
    .option('-n, --display-name <name>', 'name shown to colleagues and customers')
    .option('--password <password>', 'password (default: generate one and print it)')
    .option('--locale <locale>', 'zh or en')
    .action(async (opts) => {
      const config = await loadConfig()
      const runtime = await createRuntime(config, { consumeJobs: false })
      try {
        const password = opts.password ?? newPassword()
        const created = await createUser({
          ctx: systemCtx(runtime, 'cli'),
          input: { username: opts.username, role: opts.role, displayName: opts.displayName, password, locale: opts.locale },
        })
        process.stdout.write(`Created ${created.role} "${created.username}" (id ${created.id}).\n`)
        if (!opts.password) process.stdout.write(`Password: ${password}\n(shown once — store it now)\n`)
      } finally {
        await runtime.close()
      }
    })
}
