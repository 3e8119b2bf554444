#!/usr/bin/env node
// The `kefu` command. TypeScript runs directly through tsx, so there is no build step (the
// browser code is bundled in memory when the server starts: bot/http/clientAssets).
import { register } from 'tsx/esm/api'

register()
await import('../bot/cli/main.ts')
