/**
 * The bytes of a photo or file a person sent in Teams. A shared file comes as
 * `file.download.info` with a pre-authorised downloadUrl (SharePoint/OneDrive): fetched as is.
 * An image pasted into the message comes as an image attachment whose contentUrl is on the
 * Bot Framework service (…/v3/attachments/{id}/views/original) and needs the bot's token
 * (Microsoft: "Receive inline images"). The token goes only to the origin of the activity's
 * serviceUrl — which, with authentication on, the Connector's signed token vouches for — never
 * to any other host a customer-controlled URL could name, and never along a redirect.
 */
import { download } from '../../bot/media/fetchInbound.ts'

const sameOrigin = (a: string, b: string) => {
  try {
    return new URL(a).origin === new URL(b).origin
  } catch {
    return false
  }
}

export function attachmentFetcher(authorization: () => Promise<string | null>, maxBytes: number) {
  return async (url: string | undefined, serviceUrl: string): Promise<Uint8Array | null> => {
    if (!url || !/^https?:\/\//i.test(url)) return null
    const token = sameOrigin(url, serviceUrl) ? await authorization() : null
    return download(url, { maxBytes, ...(token ? { headers: { authorization: token } } : {}) })
  }
}
