/** /api/v1/panel/staff (accounts, roles, capacity, teams) and /api/v1/panel/audit (the searchable trail); admins only. */
import type { Hono } from 'hono'
import { ValidationError } from '../../../bot/errors.ts'
import { apiRoute } from '../../../bot/http/api.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { createUser, createUserInput } from '../../../bot/staff/createUser.ts'
import { auditQuery, searchAudit } from './audit.ts'
import { listStaff, updateStaff, updateStaffInput } from './staff.ts'

const tag = 'panel'

const staffId = (params: Record<string, string>) => {
  const id = Number(params.id)
  if (!Number.isSafeInteger(id) || id <= 0) throw new ValidationError('The staff id must be a positive number.')
  return id
}

export function peopleRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    { method: 'get', path: '/api/v1/panel/staff', role: 'admin', tag, summary: 'Staff accounts with role, disabled flag, agent capacity, teams and presence' },
    async ({ ctx }) => ({ items: await listStaff(ctx.db) }),
  )

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/panel/staff',
      role: 'admin',
      tag,
      status: 201,
      body: createUserInput,
      summary: 'Create a staff account (username, display name, role, password of at least 8 characters)',
    },
    async ({ ctx, body }) => {
      const user = await createUser({ ctx, input: body })
      return (await listStaff(ctx.db)).find((s) => s.id === Number(user.id))
    },
  )

  apiRoute(
    app,
    {
      method: 'patch',
      path: '/api/v1/panel/staff/:id',
      role: 'admin',
      tag,
      body: updateStaffInput,
      summary: 'Change role, display name, disabled, capacity or teams (disabling logs them out and requeues their chats; the last admin stays)',
    },
    async ({ ctx, params, body }) => updateStaff({ ctx, id: staffId(params), input: body }),
  )

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/panel/audit',
      role: 'admin',
      tag,
      query: auditQuery,
      summary: 'Search the audit trail by actor, action, subject ("conversation:12") and days',
    },
    async ({ ctx, query }) => searchAudit(ctx.db, query),
  )
}
