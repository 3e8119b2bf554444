/** The three-level category tree shared by knowledge entries and tickets. */
import { z } from 'zod'
import type { Ctx } from '../../bot/context.ts'
import { recordEvent } from '../../bot/audit.ts'
import { int } from '../../bot/db/columns.ts'
import { Conflict, NotFound, ValidationError } from '../../bot/errors.ts'
import { parseInput } from '../../bot/http/json.ts'

export const categoryInput = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    // Both are path separators in import and export cells (import/cell-lists.ts).
    .refine((n) => !n.includes('/') && !n.includes('>'), 'a name cannot contain "/" or ">"'),
  parentId: z.number().int().positive().nullable().default(null),
  position: z.number().int().min(0).default(0),
})

export interface Category {
  id: number
  parentId: number | null
  name: string
  depth: number
  position: number
  path: string[]
}

const categoryRow = z.object({ id: int, parent_id: int.nullable(), name: z.string(), depth: int, position: int })

export async function listCategories(ctx: Pick<Ctx, 'db'>): Promise<Category[]> {
  const r = await ctx.db.query('select id, parent_id, name, depth, position from kb_categories order by depth, position, name')
  const byId = new Map<number, Category>()
  for (const row of r.rows.map((x) => categoryRow.parse(x))) {
    const parent = row.parent_id ? byId.get(row.parent_id) : undefined
    byId.set(row.id, {
      id: row.id,
      parentId: row.parent_id,
      name: row.name,
      depth: row.depth,
      position: row.position,
      path: [...(parent?.path ?? []), row.name],
    })
  }
  return [...byId.values()]
}

export async function createCategory({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Category> {
  const data = parseInput(categoryInput, input)
  return ctx.db.transaction(async (tx) => {
    let depth = 1
    if (data.parentId) {
      const p = await tx.query<{ depth: number }>('select depth from kb_categories where id = $1', [data.parentId])
      if (!p.rows[0]) throw new NotFound('No such parent category.')
      depth = p.rows[0].depth + 1
      if (depth > 3) throw new ValidationError('Categories have at most three levels.')
    }
    const dup = await tx.query('select 1 from kb_categories where parent_id is not distinct from $1 and name = $2', [data.parentId, data.name])
    if (dup.rows.length) throw new Conflict(`"${data.name}" already exists here.`)
    const r = await tx.query<{ id: number }>('insert into kb_categories (parent_id, name, depth, position) values ($1, $2, $3, $4) returning id', [
      data.parentId,
      data.name,
      depth,
      data.position,
    ])
    const id = r.rows[0]!.id
    await recordEvent(tx, ctx.actor, 'kb.category.created', { type: 'kb_category', id }, data)
    return (await listCategories({ db: tx })).find((c) => c.id === id)!
  })
}

export async function renameCategory({ ctx, id, name }: { ctx: Ctx; id: number; name: string }): Promise<void> {
  const data = parseInput(categoryInput.pick({ name: true }), { name })
  await ctx.db.transaction(async (tx) => {
    const before = (await listCategories({ db: tx })).find((c) => c.id === id)
    if (!before) throw new NotFound('No such category.')
    await tx.query('update kb_categories set name = $2 where id = $1', [id, data.name])
    // Entries store their path by name: rename the level in every entry under it.
    const level = before.depth
    await tx.query(`update kb_entries set category_path[${level}] = $2 where category_path[1:${level}] = $1::text[]`, [before.path, data.name])
    await recordEvent(tx, ctx.actor, 'kb.category.renamed', { type: 'kb_category', id }, { from: before.name, to: data.name })
  })
}

export async function deleteCategory({ ctx, id }: { ctx: Ctx; id: number }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const cat = (await listCategories({ db: tx })).find((c) => c.id === id)
    if (!cat) throw new NotFound('No such category.')
    const children = await tx.query('select 1 from kb_categories where parent_id = $1 limit 1', [id])
    if (children.rows.length) throw new Conflict('This category has sub-categories; move or delete them first.')
    const used = await tx.query<{ n: number }>(`select count(*)::int n from kb_entries where category_path[1:${cat.depth}] = $1::text[]`, [cat.path])
    if (used.rows[0]!.n > 0) throw new Conflict(`${used.rows[0]!.n} entries use this category; move them first.`, { entries: used.rows[0]!.n })
    await tx.query('delete from kb_categories where id = $1', [id])
    await recordEvent(tx, ctx.actor, 'kb.category.deleted', { type: 'kb_category', id }, { path: cat.path })
  })
}
