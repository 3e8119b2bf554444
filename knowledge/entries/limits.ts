/**
 * The size rules of an entry's fields, in one place for the server's schema (schema.ts)
 * and the editor's checks in the browser (admin/panel/browser), which says so before saving.
 * No imports: the browser build bundles this file as it is.
 */
export const ENTRY_LIMITS = {
  idMax: 100,
  question: 500,
  similar: 500,
  buttonLabel: 40,
  buttons: 8,
  tag: 50,
} as const

/** Letters, digits and . : - _ (ids appear in URLs and exports). */
export const ENTRY_ID_PATTERN = /^[\w.:-]+$/

export const isEntryId = (id: string) => id.length <= ENTRY_LIMITS.idMax && ENTRY_ID_PATTERN.test(id)
