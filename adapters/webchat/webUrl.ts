/**
 * Which link and image addresses the web chat shows: http(s) and same-site paths only, so a
 * knowledge entry can never smuggle a javascript: link to a customer. One rule for the
 * server (outbound.ts) and the chat page's script (browser/render.ts), which checks again.
 */
const WEB_URL = /^(https?:\/\/|\/(?!\/))/i

export const isWebUrl = (url: unknown): url is string => typeof url === 'string' && WEB_URL.test(url.trim())
