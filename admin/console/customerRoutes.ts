/**
 * /api/v1/customers — the customer profile behind a conversation. Any agent reads, searches
 * and edits it (name, phone, email, tags, notes, tier); choosing an account manager and
 * merging two customers are a supervisor's (both change who serves the customer, and a merge
 * cannot be undone). Routes only parse and call the verbs in bot/customers/.
 */
import type { Hono } from 'hono'
import { z } from 'zod'
import { mergeCustomers, mergeInput } from '../../bot/customers/mergeCustomers.ts'
import { customerProfile, searchCustomers } from '../../bot/customers/readCustomer.ts'
import { profileInput, updateCustomerProfile } from '../../bot/customers/updateProfile.ts'
import { apiRoute } from '../../bot/http/api.ts'
import type { AppEnv } from '../../bot/http/types.ts'

const TAG = 'customers'
const BASE = '/api/v1/customers'

export function customerRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    {
      method: 'get',
      path: BASE,
      role: 'agent',
      tag: TAG,
      summary: 'Find customers by name, phone, email, id or channel name (merged ones left out)',
      query: z.object({ q: z.string().trim().min(1).max(100) }),
    },
    async ({ ctx, query, c }) => ({ items: await searchCustomers(ctx.db, query.q, c.get('locale')) }),
  )
  apiRoute(
    app,
    {
      method: 'get',
      path: `${BASE}/:id`,
      role: 'agent',
      tag: TAG,
      summary: 'A customer: profile, account manager, identities, conversations on every channel, tickets with SLA',
    },
    async ({ ctx, params, c }) => customerProfile(ctx.db, params.id!, c.get('locale')),
  )
  apiRoute(
    app,
    {
      method: 'patch',
      path: `${BASE}/:id`,
      role: 'agent',
      tag: TAG,
      summary: 'Edit the profile (phone and email checked and normalised; accountManagerId = supervisor); one audit row per change',
      body: profileInput,
    },
    async ({ ctx, params, body, c }) => {
      await updateCustomerProfile({ ctx, id: params.id!, input: body })
      return customerProfile(ctx.db, params.id!, c.get('locale'))
    },
  )
  apiRoute(
    app,
    {
      method: 'post',
      path: `${BASE}/:id/merge`,
      role: 'supervisor',
      tag: TAG,
      summary: 'Merge customer mergeId into this one: identities, conversations, tickets and surveys move here; one audit row',
      body: mergeInput,
    },
    async ({ ctx, params, body }) => mergeCustomers({ ctx, keepId: params.id!, input: body }),
  )
}
