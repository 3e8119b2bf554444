/** /admin/knowledge/taxonomy — the category tree (3 levels) and the synonym groups; read-only for agents. */
import type { Hono } from 'hono'
import { requireRole } from '../../../bot/http/auth.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { listCategories, type Category } from '../../../knowledge/entries/categories.ts'
import { listSynonyms } from '../../../knowledge/entries/synonyms.ts'
import { canEdit, panelPage, t } from '../shell.tsx'
import { describeRoute } from '../../../bot/http/api.ts'

export function taxonomyPage(app: Hono<AppEnv>) {
  describeRoute(app, {
    method: 'get',
    path: '/admin/knowledge/taxonomy',
    role: 'agent',
    summary: 'Page: categories, tags and synonyms',
    tag: 'pages',
    produces: 'text/html',
  })
  app.get('/admin/knowledge/taxonomy', requireRole('agent'), async (c) => {
    const locale = c.get('locale')
    const db = c.get('services').db
    const [cats, groups] = await Promise.all([listCategories({ db }), listSynonyms({ db })])
    const edit = canEdit(c)
    const l = (k: string, v?: Record<string, string | number>) => t(locale, k, v)
    const node = (cat: Category) => {
      const kids = cats.filter((x) => x.parentId === cat.id)
      return (
        <li data-category={cat.name}>
          <span class="cat-name">{cat.name}</span>
          {edit && (
            <details class="inline-edit">
              <summary>
                {l('panel.rename')} / {l('panel.addChild')}
              </summary>
              <form data-api={`PUT /api/v1/kb/categories/${cat.id}`} class="row">
                <input name="name" value={cat.name} required maxlength={100} aria-label={l('panel.rename')} />
                <button type="submit" class="secondary">
                  {l('panel.rename')}
                </button>
              </form>
              {cat.depth < 3 && (
                <form data-api="POST /api/v1/kb/categories" class="row">
                  <input type="hidden" name="parentId" value={String(cat.id)} />
                  <input name="name" required maxlength={100} aria-label={l('panel.addChild')} />
                  <button type="submit" class="secondary">
                    {l('panel.addChild')}
                  </button>
                </form>
              )}
              <form data-api={`DELETE /api/v1/kb/categories/${cat.id}`} data-confirm={l('panel.cat.confirmDelete', { name: cat.name })} class="row">
                <button type="submit" class="danger">
                  {l('panel.remove')}
                </button>
              </form>
              <p class="error small" role="alert" hidden></p>
            </details>
          )}
          {kids.length > 0 && <ul>{kids.map(node)}</ul>}
        </li>
      )
    }
    return panelPage(c, {
      title: l('tax.title'),
      path: '/admin/knowledge',
      scripts: ['taxonomy.js'],
      children: (
        <>
          <h1>{l('tax.title')}</h1>
          <section class="card" data-testid="categories">
            <h2>{l('tax.categories')}</h2>
            <p class="muted">{l('tax.categories.intro')}</p>
            {cats.length === 0 ? <p class="muted">{l('tax.empty')}</p> : <ul class="tree">{cats.filter((x) => x.parentId === null).map(node)}</ul>}
            {edit && (
              <form data-api="POST /api/v1/kb/categories" class="row">
                <input name="name" required maxlength={100} aria-label={l('tax.addRoot')} placeholder={l('tax.addRoot')} />
                <button type="submit">{l('tax.addRoot')}</button>
                <p class="error small" role="alert" hidden></p>
              </form>
            )}
          </section>
          <section class="card" data-testid="synonyms">
            <h2>{l('tax.synonyms')}</h2>
            <p class="muted">{l('tax.synonyms.intro')}</p>
            {groups.length === 0 && <p class="muted">{l('tax.empty')}</p>}
            {groups.map((g) => (
              <div class="row">
                <form data-api={`PUT /api/v1/kb/synonyms/${g.id}`} class="row grow">
                  <input name="terms" value={g.terms.join(', ')} required class="grow" disabled={!edit} aria-label={l('tax.synonyms')} />
                  {edit && (
                    <button type="submit" class="secondary">
                      {l('panel.save')}
                    </button>
                  )}
                  <p class="error small" role="alert" hidden></p>
                </form>
                {edit && (
                  <form data-api={`DELETE /api/v1/kb/synonyms/${g.id}`} data-confirm={l('panel.syn.confirmDelete')}>
                    <button type="submit" class="danger">
                      {l('panel.remove')}
                    </button>
                  </form>
                )}
              </div>
            ))}
            {edit && (
              <form data-api="POST /api/v1/kb/synonyms" class="row">
                <input name="terms" required class="grow" placeholder={l('panel.syn.placeholder')} aria-label={l('tax.addGroup')} />
                <button type="submit">{l('tax.addGroup')}</button>
                <p class="error small" role="alert" hidden></p>
              </form>
            )}
          </section>
        </>
      ),
    })
  })
}
