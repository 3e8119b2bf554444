/**
 * Client strings: the server renders each page's texts (zh or en) as JSON into a data
 * attribute, and scripts look them up here. A missing key or variable shows as itself,
 * so a gap is visible instead of blank.
 */
export type Strings = Record<string, string>
export type Vars = Record<string, string | number>
export type Translate = (key: string, vars?: Vars) => string

export function fill(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => (k in vars ? String(vars[k]) : whole))
}

export function translator(strings: Strings): Translate {
  return (key, vars) => fill(strings[key] ?? key, vars)
}

/** The strings in `holder`'s data-strings attribute. */
export function readStrings(holder: HTMLElement | null | undefined): Strings {
  return JSON.parse(holder?.dataset.strings || '{}') as Strings
}

/** Character count as people count them (an emoji or a CJK character is one), as the server counts. */
export const chars = (text: string) => [...text].length
