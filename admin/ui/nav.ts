/** Staff navigation: modules declare their links (AppModule.nav); the shell shows the ones a role may open. */
import type { Role } from '../../bot/context.ts'
import type { NavEntry } from '../../bot/http/types.ts'

export type NavItem = NavEntry

export const HOME_NAV: NavItem = { href: '/admin', labelKey: 'nav.home', minRole: 'agent', order: 0 }
const RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 }

export function navFor(items: readonly NavItem[], role: Role): NavItem[] {
  return items.filter((i) => RANK[role] >= RANK[i.minRole])
}
