/**
 * Staff pages' calls to the JSON API: the session cookie goes along, with the CSRF token
 * the page carries in <meta name="csrf-token">. A refusal throws ApiError with the
 * server's body, so a page can explain the case it knows (409 conflicts, field issues).
 */

export interface ErrorBody {
  error?: { code?: string; message?: string; details?: Record<string, unknown> & { issues?: { path?: string; message: string }[] } }
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly data: ErrorBody,
  ) {
    super(message)
  }
  get details(): NonNullable<NonNullable<ErrorBody['error']>['details']> {
    return this.data.error?.details ?? {}
  }
}

export const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? ''

/** Send a body as it is (a file upload); JSON in, JSON out. */
export async function send<T>(method: string, url: string, body: BodyInit | undefined, contentType = 'application/json'): Promise<T> {
  const res = await fetch(url, { method, headers: { 'content-type': contentType, 'x-csrf-token': csrfToken(), accept: 'application/json' }, body })
  const data = (await res.json().catch(() => ({}))) as T & ErrorBody
  if (!res.ok) throw new ApiError(data?.error?.message ?? res.statusText, res.status, data)
  return data
}

export function api<T = unknown>(method: string, url: string, body?: unknown): Promise<T> {
  return send<T>(method, url, body === undefined ? undefined : JSON.stringify(body))
}
