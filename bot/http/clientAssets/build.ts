/**
 * Browser code is built once per process, at start, with esbuild — into memory, not onto
 * disk: nothing to write means the Docker image (read-only app folder, USER node), several
 * replicas and parallel test workers need no build folder, and built output can never be
 * committed or go stale. File names carry a content hash, so a page's URLs change exactly
 * when its code does and browsers may cache them for good; the same sources give the same
 * names on every replica.
 */
import { buildSync } from 'esbuild'
import { basename, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface BuiltFile {
  body: Uint8Array
  type: string
}

export interface ClientAssets {
  /** The public URL of an entry by its source name and output kind ('console.js', 'panel.css'). */
  url(name: string): string
  /** A built file by its public file name, for the asset route; undefined when there is none. */
  file(fileName: string): BuiltFile | undefined
}

export interface ClientBuild {
  /** Where the files are served, e.g. '/assets/' (chunks are imported relative to it). */
  publicPath: string
  /** Entry sources: .ts/.tsx scripts and .css stylesheets. Their base names must be unique. */
  entries: URL[]
  /** esm shares code between a page's entries as chunks (pages use type="module"); iife is a classic script. */
  format: 'esm' | 'iife'
  /** false for the one file whose URL must stay stable (the embed script). Default true. */
  hashed?: boolean
  /** Compile-time constants (esbuild `define`), e.g. a hashed URL another file must load. */
  define?: Record<string, string>
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
// esbuild needs an output folder to name files; nothing is ever written there.
const OUT = join(ROOT, '.client-build')
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' }

export function buildClientAssets(b: ClientBuild): ClientAssets {
  const hashed = b.hashed ?? true
  const result = buildSync({
    absWorkingDir: ROOT,
    entryPoints: b.entries.map((u) => fileURLToPath(u)),
    bundle: true,
    write: false,
    metafile: true,
    outdir: OUT,
    format: b.format,
    splitting: b.format === 'esm',
    entryNames: hashed ? '[name].[hash]' : '[name]',
    chunkNames: 'chunk.[hash]',
    platform: 'browser',
    // Customers' phones (WeChat's in-app browser, older Android) run the widget and the chat page.
    target: 'es2019',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    define: b.define,
    logLevel: 'silent',
  })
  const files = new Map<string, BuiltFile>()
  for (const f of result.outputFiles) files.set(basename(f.path), { body: f.contents, type: TYPES[extname(f.path)] ?? 'application/octet-stream' })
  const urls = new Map<string, string>()
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue
    const name = `${basename(meta.entryPoint, extname(meta.entryPoint))}${extname(out)}`
    if (urls.has(name)) throw new Error(`two browser entries are both called ${name}`)
    urls.set(name, `${b.publicPath}${basename(out)}`)
  }
  return {
    url(name) {
      const u = urls.get(name)
      if (!u) throw new Error(`no browser entry ${name} (built: ${[...urls.keys()].join(', ')})`)
      return u
    },
    file: (fileName) => files.get(fileName),
  }
}

/** Builds on the first call only: every app instance in the process serves the same files. */
export function lazyClientAssets(b: ClientBuild | (() => ClientBuild)): () => ClientAssets {
  let built: ClientAssets | undefined
  return () => (built ??= buildClientAssets(typeof b === 'function' ? b() : b))
}
