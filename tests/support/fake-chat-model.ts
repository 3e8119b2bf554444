/**
 * For tests: a local server speaking OpenAI's chat-completions wire protocol — the network
 * edge a deployment's model endpoint sits on. Plain JSON answers and `stream: true`
 * server-sent events (with `stream_options.include_usage`), JSON mode (refused, as OpenAI
 * does, unless a message says "json"), tool calls, bearer-key checks, GET /v1/models, and
 * latency and error injection. What it answers is up to the test (`respond`); every request
 * is kept in `requests`, so a test can prove what did — and did not — leave Kefu.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ChatMessage {
  role: string
  content: string
}
export interface ChatRequest {
  body: Record<string, any>
  messages: ChatMessage[]
  /** Everything the model was sent, joined: what a leak test searches. */
  text: string
  auth: string | undefined
  stream: boolean
}
export interface ChatReply {
  /** The assistant's text; an object is sent as its JSON. */
  content?: string | object
  toolCalls?: { name: string; arguments: object }[]
  /** Wait this long before answering (a slow model). */
  delayMs?: number
  /** Answer with this HTTP status and an OpenAI-style error body. */
  status?: number
  /** Never answer (a hung model): the client's deadline must save it. */
  hang?: boolean
  usage?: { prompt_tokens: number; completion_tokens: number }
}
export type Responder = (req: ChatRequest) => ChatReply | Promise<ChatReply>

export interface FakeChatModel {
  baseURL: string
  model: string
  requests: ChatRequest[]
  respond: Responder
  close(): Promise<void>
}

const roughTokens = (s: string) => Math.ceil(Array.from(s).length / 2)

function sendError(res: ServerResponse, status: number, message: string, type = 'invalid_request_error') {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message, type, param: null, code: null } }))
}

export async function startFakeChatModel(opts: { model?: string; apiKey?: string; respond?: Responder } = {}): Promise<FakeChatModel> {
  const model = opts.model ?? 'stand-in-chat'
  const requests: ChatRequest[] = []
  const open = new Set<ServerResponse>()
  const state: FakeChatModel = {
    baseURL: '',
    model,
    requests,
    respond: opts.respond ?? (() => ({ content: {} })),
    close: async () => {
      for (const r of open) r.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string) => {
    if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      return sendError(res, 401, 'Incorrect API key provided.', 'invalid_api_key')
    }
    if (req.method === 'GET' && req.url === '/v1/models') {
      return res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'kefu-tests' }] }))
    }
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return sendError(res, 404, `Unknown route ${req.method} ${req.url}`)
    let body: Record<string, any>
    try {
      body = JSON.parse(raw)
    } catch {
      return sendError(res, 400, 'We could not parse the JSON body of your request.')
    }
    if (!Array.isArray(body.messages) || body.messages.length === 0) return sendError(res, 400, "'messages' is a required property")
    if (body.model !== model) return sendError(res, 404, `The model \`${body.model}\` does not exist.`, 'model_not_found')
    const messages: ChatMessage[] = body.messages.map((m: any) => ({
      role: String(m.role),
      content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content),
    }))
    const text = messages.map((m) => m.content).join('\n')
    if (body.response_format?.type === 'json_object' && !/json/i.test(text)) {
      return sendError(res, 400, "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.")
    }
    const request: ChatRequest = { body, messages, text, auth: req.headers.authorization, stream: body.stream === true }
    requests.push(request)
    const reply = await state.respond(request)
    if (reply.hang) return // the socket stays open until the client gives up or close()
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs))
    if (res.destroyed) return
    if (reply.status)
      return sendError(
        res,
        reply.status,
        reply.status === 429 ? 'Rate limit reached.' : 'The server had an error while processing your request.',
        reply.status === 429 ? 'requests' : 'server_error',
      )
    const content = reply.content === undefined ? null : typeof reply.content === 'string' ? reply.content : JSON.stringify(reply.content)
    const toolCalls = reply.toolCalls?.map((t, i) => ({
      id: `call_${i}`,
      type: 'function',
      function: { name: t.name, arguments: JSON.stringify(t.arguments) },
    }))
    const usage = reply.usage ?? { prompt_tokens: roughTokens(text), completion_tokens: roughTokens(content ?? '') }
    const id = `chatcmpl-${requests.length}`
    const created = Math.floor(Date.now() / 1000)
    const finish = toolCalls ? 'tool_calls' : 'stop'
    if (!request.stream) {
      const message = { role: 'assistant', content, ...(toolCalls ? { tool_calls: toolCalls } : {}) }
      return res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
          usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
        }),
      )
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
    const chunk = (delta: object, finish_reason: string | null = null) =>
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason }] })}\n\n`)
    chunk({ role: 'assistant', content: '' })
    for (const piece of (content ?? '').match(/[\s\S]{1,4}/g) ?? []) chunk({ content: piece })
    for (const [index, t] of (toolCalls ?? []).entries()) chunk({ tool_calls: [{ index, ...t }] })
    chunk({}, finish)
    if (body.stream_options?.include_usage) {
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })}\n\n`,
      )
    }
    res.end('data: [DONE]\n\n')
  }

  const server = createServer((req, res) => {
    open.add(res)
    res.on('close', () => open.delete(res))
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => void handle(req, res, raw).catch((err) => (res.headersSent ? res.destroy() : sendError(res, 500, String(err)))))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  state.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  return state
}
