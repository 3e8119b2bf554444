/**
 * JSON API routes that document themselves: each route is declared once with its role,
 * input schema and summary; the same declaration validates requests and feeds the
 * OpenAPI document served at /api/v1/openapi.json. A route Hono serves directly (a page,
 * a stream, a webhook, login) is described beside it with describeRoute, so the document
 * lists every route the app serves (tests/integration/openapi-coverage.test.ts keeps it so).
 */
import type { Context, Hono } from 'hono'
import { z } from 'zod'
import { withActor, type Ctx, type Role } from '../context.ts'
import { requireRole } from './auth.ts'
import { parseInput, readJson } from './json.ts'
import { storableText } from './nul.ts'
import type { AppEnv } from './types.ts'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

export interface ApiRoute<B extends z.ZodType, Q extends z.ZodType> {
  method: Method
  /** Hono style: /api/v1/kb/entries/:id */
  path: string
  role: Role
  summary: string
  tag: string
  body?: B
  query?: Q
  /** Status of a successful answer (default 200). */
  status?: number
}

export interface ApiInput<B, Q> {
  ctx: Ctx
  body: B
  query: Q
  params: Record<string, string>
  c: Context<AppEnv>
}

/** A route declared with plain Hono: who may call it and what it answers with. */
export interface PlainRoute {
  method: Method
  path: string
  /** 'public': no login (webhooks check their own signatures; the web chat its visitor token). */
  role: Role | 'public'
  summary: string
  tag: string
  /** Content type of a successful answer. */
  produces: 'application/json' | 'text/html' | 'text/event-stream' | 'text/plain' | 'application/xml' | 'application/javascript' | 'asset'
}

type Documented = (ApiRoute<any, any> & { produces?: undefined }) | PlainRoute

/** Each app's documented routes, kept with the app so two apps in one process document only their own. */
const documentedBy = new WeakMap<Hono<AppEnv>, Documented[]>()

function document(app: Hono<AppEnv>, route: Documented): void {
  const documented = documentedBy.get(app) ?? documentedBy.set(app, []).get(app)!
  if (!documented.some((r) => r.method === route.method && r.path === route.path)) documented.push(route)
}

/** Put a plain Hono route (declared next to this call) in the OpenAPI document. */
export function describeRoute(app: Hono<AppEnv>, route: PlainRoute): void {
  document(app, route)
}

export function apiRoute<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined>(
  app: Hono<AppEnv>,
  route: ApiRoute<B, Q>,
  handler: (input: ApiInput<z.infer<B>, z.infer<Q>>) => Promise<unknown>,
): void {
  document(app, route)
  app.on(route.method.toUpperCase(), route.path, requireRole(route.role), async (c) => {
    const body = route.body ? await readJson(c, route.body) : undefined
    const query = route.query ? parseInput(route.query, c.req.query()) : undefined
    const ctx = withActor(c.get('services'), c.get('actor')!)
    const out = await handler({ ctx, body: body as any, query: query as any, params: storableText(c.req.param()) as Record<string, string>, c })
    if (out instanceof Response) return out
    return c.json(out ?? { ok: true }, (route.status ?? 200) as any)
  })
}

const toJson = (s: z.ZodType) => {
  const { $schema, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  return rest
}

/** Hono's path → OpenAPI's: `:id` → `{id}`, a parameter's pattern (`:id{[0-9]+}`) dropped. */
export const openApiPath = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')

const roleText = (role: Role | 'public') =>
  role === 'public' ? 'Public: no login.' : `Requires the ${role} role (session cookie with x-csrf-token, or a Bearer API token).`

export function openApiDocument(app: Hono<AppEnv>): object {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const r of documentedBy.get(app) ?? []) {
    const path = openApiPath(r.path)
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
    if (r.produces) {
      const content = r.produces === 'asset' ? undefined : { [r.produces]: {} }
      ;(paths[path] ??= {})[r.method] = {
        summary: r.summary,
        tags: [r.tag],
        description: roleText(r.role),
        parameters: params,
        responses: {
          '200': { description: 'OK', ...(content ? { content } : {}) },
          ...(r.role === 'public' ? {} : { '401': { description: 'Not logged in' } }),
        },
      }
      continue
    }
    const queryProps = r.query ? ((toJson(r.query).properties as Record<string, unknown>) ?? {}) : {}
    for (const [name, schema] of Object.entries(queryProps)) params.push({ name: name!, in: 'query', required: false, schema: schema as any })
    ;(paths[path] ??= {})[r.method] = {
      summary: r.summary,
      tags: [r.tag],
      description: roleText(r.role),
      parameters: params,
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(r.body) } } } } : {}),
      responses: {
        [String(r.status ?? 200)]: { description: 'OK' },
        '400': { description: 'Invalid input', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        '401': { description: 'Not logged in' },
        '403': { description: 'Role too low, or CSRF token missing' },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Kefu API', version: '1' },
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } } } },
        },
      },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' } },
    },
  }
}
