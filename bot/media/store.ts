/**
 * Where media bytes live. Files are named by the SHA-256 of their bytes, so a redelivery or
 * the same photo sent twice is kept once and an id cannot be guessed without the bytes.
 *
 * The row (media_files) is in the database either way; the bytes are
 * - on a PostgreSQL server: a bytea row (media_blobs) — every replica and `kefu worker`
 *   reads them, one backup holds everything, and customer photos (a few MB) are far below
 *   what bytea handles well; large objects would add their own clean-up for no gain here;
 * - on the embedded default: a file in DATA_DIR/media, beside the PGlite folder — the
 *   embedded database lives in WebAssembly memory, and photos there would make it slow
 *   to open and large to copy. One process owns DATA_DIR (bot/db/folderLock.ts).
 * An S3-compatible bucket would need an SDK and credentials for something the database
 * already does for the sizes we allow; it is left out.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { Services } from '../context.ts'
import type { Db } from '../db/client.ts'
import { ValidationError } from '../errors.ts'
import { sniffType } from './types.ts'

export interface StoredMedia {
  id: string
  contentType: string
  size: number
}

const rowSchema = z.object({ id: z.string(), content_type: z.string(), size: z.coerce.number() })
const toMedia = (r: z.infer<typeof rowSchema>): StoredMedia => ({ id: r.id, contentType: r.content_type, size: r.size })

export class MediaRefused extends ValidationError {}

const onDisk = (services: Pick<Services, 'db' | 'config'>) => services.db.kind === 'pglite'
const folder = (services: Pick<Services, 'config'>) => join(services.config.DATA_DIR, 'media')
const maxBytes = (services: Pick<Services, 'config'>) => services.config.MEDIA_MAX_MB * 1024 * 1024

/** Check and keep a file; refused (400, zh and en) when it is too large, empty, or not a kind we keep. */
export async function putMedia(services: Pick<Services, 'db' | 'config'>, bytes: Uint8Array): Promise<StoredMedia> {
  if (bytes.byteLength === 0) throw new MediaRefused('文件是空的。 / The file is empty.')
  if (bytes.byteLength > maxBytes(services)) {
    throw new MediaRefused(`文件太大（上限 ${maxBytes(services) / 1048576} MB）。 / The file is too large (limit ${maxBytes(services) / 1048576} MB).`)
  }
  const contentType = sniffType(bytes)
  if (!contentType)
    throw new MediaRefused('不支持这种文件（支持图片、PDF、音频、视频、压缩包）。 / This kind of file is not accepted (images, PDF, audio, video, zip).')
  const id = createHash('sha256').update(bytes).digest('hex')
  if (onDisk(services)) {
    const dir = folder(services)
    await mkdir(dir, { recursive: true })
    const tmp = join(dir, `${id}.${process.pid}.tmp`)
    await writeFile(tmp, bytes)
    await rename(tmp, join(dir, id)) // whole or not at all
  }
  await services.db.transaction(async (tx) => {
    await tx.query('insert into media_files (id, content_type, size) values ($1, $2, $3) on conflict (id) do nothing', [id, contentType, bytes.byteLength])
    if (!onDisk(services)) await tx.query('insert into media_blobs (id, bytes) values ($1, $2) on conflict (id) do nothing', [id, Buffer.from(bytes)])
  })
  return { id, contentType, size: bytes.byteLength }
}

export async function mediaInfo(db: Db, id: string): Promise<StoredMedia | null> {
  if (!/^[0-9a-f]{64}$/.test(id)) return null
  const r = await db.query('select id, content_type, size from media_files where id = $1', [id])
  return r.rows[0] ? toMedia(rowSchema.parse(r.rows[0])) : null
}

/** The bytes of a stored file, or null when there is no such file. */
export async function readMedia(services: Pick<Services, 'db' | 'config'>, id: string): Promise<{ info: StoredMedia; bytes: Uint8Array } | null> {
  const info = await mediaInfo(services.db, id)
  if (!info) return null
  if (onDisk(services)) {
    const bytes = await readFile(join(folder(services), id)).catch(() => null)
    return bytes ? { info, bytes: new Uint8Array(bytes) } : null
  }
  const r = await services.db.query<{ bytes: Uint8Array }>('select bytes from media_blobs where id = $1', [id])
  return r.rows[0] ? { info, bytes: new Uint8Array(r.rows[0].bytes) } : null
}
