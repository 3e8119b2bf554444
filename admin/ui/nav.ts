/** Navigation items; feature modules register theirs so the shell never lists a page that does not exist. */
import type { Role } from '../../bot/context.ts'

export interface NavItem {
  href: string
  labelKey: string
  minRole: Role
  order: number
}

const items: NavItem[] = [{ href: '/admin', labelKey: 'nav.home', minRole: 'agent', order: 0 }]
const RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 }

export function addNavItem(item: NavItem) {
  if (!items.some((i) => i.href === item.href)) items.push(item)
  items.sort((a, b) => a.order - b.order)
}

export function navFor(role: Role): NavItem[] {
  return items.filter((i) => RANK[role] >= RANK[i.minRole])
}
