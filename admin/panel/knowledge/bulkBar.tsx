/**
 * The knowledge list's bulk toolbar (editors only): pick an action, its category or tag,
 * and apply it to the ticked rows. browser/knowledgeList.ts sends it to POST /api/v1/kb/entries/bulk
 * with the versions shown, and asks before deleting or unpublishing.
 */
import type { Locale } from '../../ui/i18n.ts'
import { t } from '../shell.tsx'

export const BULK_ACTIONS = ['publish', 'unpublish', 'move', 'addTag', 'removeTag', 'delete'] as const

export function BulkBar(props: { locale: Locale; categories: { path: string[] }[]; tags: string[] }) {
  const l = (k: string) => t(props.locale, k)
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form is needed for the submit; role=group names the bar for screen readers
    <form id="kb-bulk" class="card filters bulk" role="group" aria-label={l('kb.bulk.title')} novalidate data-testid="kb-bulk">
      <p class="grow" id="kb-bulk-count" aria-live="polite" data-testid="kb-bulk-count">
        {l('kb.bulk.none')}
      </p>
      <label>
        {l('kb.bulk.action')}
        <select name="action" data-testid="kb-bulk-action">
          {BULK_ACTIONS.map((a) => (
            <option value={a}>{l(`kb.bulk.${a}`)}</option>
          ))}
        </select>
      </label>
      <label data-for="move" hidden>
        {l('kb.bulk.category')}
        <select name="category" data-testid="kb-bulk-category">
          <option value="">{l('kb.bulk.noCategory')}</option>
          {props.categories.map((c) => (
            <option value={c.path.join('/')}>{c.path.join(' / ')}</option>
          ))}
        </select>
      </label>
      <label data-for="addTag removeTag" hidden>
        {l('kb.bulk.tag')}
        <input name="tag" list="kb-bulk-tags" maxlength={50} data-testid="kb-bulk-tag" />
        <span class="field-error" />
      </label>
      <datalist id="kb-bulk-tags">
        {props.tags.map((x) => (
          <option value={x} />
        ))}
      </datalist>
      <div class="filter-buttons">
        <button type="submit" data-testid="kb-bulk-apply">
          {l('kb.bulk.apply')}
        </button>
      </div>
      <p class="error" role="alert" hidden data-testid="kb-bulk-error"></p>
      <p class="notice" role="status" hidden data-testid="kb-bulk-status"></p>
    </form>
  )
}
