/**
 * The staff UI's browser files, built once at start (bot/http/clientAssets) and served
 * under /assets/ with content-hashed names. Pages name an entry ('console.js',
 * 'panel.css') and get its current URL from `staffAsset`.
 */
import { lazyClientAssets } from '../bot/http/clientAssets/build.ts'

const src = (path: string) => new URL(path, import.meta.url)

const SCRIPTS = [
  './ui/browser/app.ts',
  './console/browser/console.ts',
  './console/browser/canned.ts',
  './panel/browser/entryEditor.ts',
  './panel/browser/knowledgeList.ts',
  './panel/browser/knowledgeHistory.ts',
  './panel/browser/knowledgeImport.tsx',
  './panel/browser/knowledgeTry.tsx',
  './panel/browser/taxonomy.ts',
  './panel/browser/settings.ts',
  './panel/browser/unanswered.ts',
  './panel/browser/people.ts',
  './panel/browser/tickets.ts',
]
const STYLES = ['./assets/app.css', './assets/console.css', './assets/console-side.css', './assets/panel.css', './assets/panel-reports.css']

export const staffAssets = lazyClientAssets({
  publicPath: '/assets/',
  // Modules: a page's entries share their common code as chunks (cached once for every page).
  format: 'esm',
  entries: [...SCRIPTS, ...STYLES].map(src),
})

/** The URL of a staff entry by name ('console.js'). */
export const staffAsset = (name: string) => staffAssets().url(name)
