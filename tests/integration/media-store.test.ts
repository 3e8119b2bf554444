// Media storage and serving on both databases: files by the hash of their bytes (DATA_DIR/media
// on PGlite, a bytea row on PostgreSQL), refused when empty, too large or of a kind we do not
// keep (zh and en), and served to staff only, never with a type a browser would run.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../bot/runtime.ts'
import { adminModule } from '../../admin/module.ts'
import { consoleModule } from '../../admin/console/module.ts'
import { putMedia, readMedia } from '../../bot/media/store.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { pngLabelled } from '../support/media.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'

describe.each(DB_KINDS)('media files on %s', (kind) => {
  let rt: Runtime
  let client: TestClient
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-media-'))

  beforeAll(async () => {
    rt = await testRuntime(kind, { config: { DATA_DIR: dataDir, MEDIA_MAX_MB: '1' } })
    client = testApp(rt, [adminModule, consoleModule])
  })
  afterAll(async () => {
    await rt?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('keeps a photo once by the hash of its bytes, and reads it back', async () => {
    const png = pngLabelled(`store-${kind}`)
    const a = await putMedia(rt, png)
    const b = await putMedia(rt, png)
    expect(a).toEqual(b)
    expect(a).toMatchObject({ contentType: 'image/png', size: png.byteLength })
    expect(Buffer.from((await readMedia(rt, a.id))!.bytes)).toEqual(Buffer.from(png))
    // PGlite keeps the bytes beside its folder; PostgreSQL keeps them in the database.
    if (kind === 'pglite') expect(readdirSync(join(dataDir, 'media'))).toContain(a.id)
    else expect((await rt.db.query<any>('select count(*)::int as n from media_blobs where id = $1', [a.id])).rows[0].n).toBe(1)
    expect((await rt.db.query<any>('select count(*)::int as n from media_files where id = $1', [a.id])).rows[0].n).toBe(1)
  })

  it('refuses an empty file, one over MEDIA_MAX_MB, and HTML or SVG dressed as an image, in zh and en', async () => {
    await expect(putMedia(rt, new Uint8Array())).rejects.toThrow(/文件是空的.*empty/)
    await expect(putMedia(rt, new Uint8Array(1024 * 1024 + 1).fill(0xff))).rejects.toThrow(/文件太大.*too large/)
    for (const evil of ['<html><script>alert(1)</script></html>', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>']) {
      await expect(putMedia(rt, new Uint8Array(Buffer.from(evil)))).rejects.toThrow(/不支持这种文件.*not accepted/)
    }
    expect((await rt.db.query<any>('select count(*)::int as n from media_files')).rows[0].n).toBe(1)
  })

  it('serves a photo inline and a zip as a download, both with nosniff and a sandbox CSP, to staff only', async () => {
    const png = await putMedia(rt, pngLabelled(`serve-${kind}`))
    const zip = await putMedia(rt, new Uint8Array(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('<html><script>x</script>')])))
    expect((await client.app.request(`/api/v1/media/${png.id}`)).status).toBe(401)
    const { headers } = await client.loginAs('agent')
    const image = await client.app.request(`/api/v1/media/${png.id}?name=${encodeURIComponent('破损照片.png')}`, { headers })
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(image.headers.get('content-disposition')).toMatch(/^inline; filename="_+\.png"; filename\*=UTF-8''%E7%A0%B4/)
    expect(image.headers.get('x-content-type-options')).toBe('nosniff')
    expect(image.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 8)).toEqual(Buffer.from(pngLabelled('').subarray(0, 8)))
    const file = await client.app.request(`/api/v1/media/${zip.id}?name=${encodeURIComponent('a".html')}`, { headers })
    expect(file.headers.get('content-type')).toBe('application/octet-stream')
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="a\.html"/)
    expect((await client.app.request(`/api/v1/media/${'0'.repeat(64)}`, { headers })).status).toBe(404)
    expect((await client.app.request('/api/v1/media/..%2F..%2Fetc%2Fpasswd', { headers })).status).toBe(404)
  })
})
