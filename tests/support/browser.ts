// Headless Chromium for browser tests, driven by playwright-core.
//
// We use Debian's chromium (/usr/bin/chromium, installed by scripts/services.sh), never
// a Playwright-downloaded browser: the CI machines have no internet beyond npm and apt.
// There is deliberately no "skip if no browser": a missing Chromium must fail the run.
import { existsSync } from 'node:fs'
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core'

/**
 * --no-sandbox: tests run as root, where Chromium's sandbox refuses to start.
 * --disable-background-networking / -component-update / -sync / --disable-quic /
 *   --no-first-run: no calls home; the network is closed and those attempts only
 *   produce noise and delays.
 * --disable-dev-shm-usage: /dev/shm is small in containers; use /tmp instead.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
}

/** Launch headless Chromium. Extra options are merged; extra args are appended. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = chromiumPath()
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Run the tests with \`npm test\` (scripts/services.sh installs Debian's chromium) or set CHROMIUM_PATH.`,
    )
  }
  return chromium.launch({
    ...options,
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  })
}

/**
 * A staff member logged in through the real login form, on a zh-CN page that accepts every
 * confirmation dialog (destructive actions ask first).
 */
export async function staffPage(browser: Browser, baseUrl: string, username: string, password: string, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ locale: 'zh-CN', viewport })
  page.on('dialog', (d) => void d.accept())
  await page.goto(`${baseUrl}/login`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForURL(`${baseUrl}/admin`)
  return page
}

/**
 * Call the JSON API from inside a logged-in staff page, as the page's scripts do (session
 * cookie plus the page's CSRF token); resolves the JSON body, rejects on a refusal.
 */
export function pageApi(page: Page) {
  return (method: string, url: string, body?: unknown) =>
    page.evaluate(
      async ([m, u, b]) => {
        const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? ''
        const res = await fetch(u, {
          method: m,
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' },
          body: b === undefined ? undefined : JSON.stringify(b),
        })
        const data = await res.json().catch(() => ({}))
        if (!res.ok) throw new Error(data?.error?.message ?? res.statusText)
        return data
      },
      [method, url, body ?? undefined] as const,
    ) as Promise<any>
}
