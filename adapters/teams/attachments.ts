/**
 * The bytes of a photo or file a person sent in Teams. A shared file comes as
 * `file.download.info` with a pre-authorised downloadUrl (SharePoint/OneDrive): fetched as is.
 * An image pasted into the message comes as an image attachment whose contentUrl is on the
 * Bot Framework service (…/v3/attachments/{id}/views/original) and needs the bot's token
 * (Microsoft: "Receive inline images"). The token goes only to the origin of the activity's
 * serviceUrl — which, with authentication on, the Connector's signed token vouches for — never
 * to any other host a customer-controlled URL could name, and never along a redirect.
 * Nothing is fetched from a host outside that origin and TEAMS_MEDIA_HOSTS, so an attachment
 * cannot make the server read its own network (metadata services, the database's admin port).
 */
import { download } from '../../bot/media/fetchInbound.ts'

const parse = (u: string) => {
  try {
    return new URL(u)
  } catch {
    return null
  }
}

/** `entry` is a domain (matches itself and its subdomains) or host:port (that one server). */
export function allowedHost(url: URL, entries: readonly string[]): boolean {
  const host = url.hostname.toLowerCase()
  return entries.some((e) => (e.includes(':') ? url.host.toLowerCase() === e : host === e || host.endsWith(`.${e}`)))
}

export function attachmentFetcher(authorization: () => Promise<string | null>, opts: { maxBytes: number; hosts: readonly string[] }) {
  return async (url: string | undefined, serviceUrl: string): Promise<Uint8Array | null> => {
    const target = url ? parse(url) : null
    if (!target || !/^https?:$/.test(target.protocol)) return null
    const service = parse(serviceUrl)
    const onService = service != null && target.origin === service.origin
    // Thrown, not null: withStoredFile logs it, and the message keeps its name without bytes.
    if (!onService && !allowedHost(target, opts.hosts)) throw new Error(`attachment on ${target.host}, which is not in TEAMS_MEDIA_HOSTS`)
    const token = onService ? await authorization() : null
    return download(target, { maxBytes: opts.maxBytes, ...(token ? { headers: { authorization: token } } : {}) })
  }
}
