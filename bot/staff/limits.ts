/**
 * What a staff account's fields may hold: one set of rules for the server's schemas
 * (createUser.ts, the people page's updateStaff) and the people page's checks in the browser.
 * No imports: the browser build bundles this file as it is.
 */
export const STAFF_LIMITS = {
  usernameMin: 2,
  usernameMax: 64,
  displayName: 100,
  passwordMin: 8,
  capacityMin: 1,
  capacityMax: 100,
  team: 50,
} as const

/** Letters, digits and . @ - _ */
export const USERNAME_PATTERN = /^[\w.@-]+$/

export const isUsername = (name: string) => name.length >= STAFF_LIMITS.usernameMin && name.length <= STAFF_LIMITS.usernameMax && USERNAME_PATTERN.test(name)
