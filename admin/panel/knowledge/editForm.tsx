/**
 * The entry editor's markup. The server renders every field with its value; browser/entryEditor.ts
 * adds the behaviour (similar-question list, category cascade, preview, validation, save).
 * Lists travel as JSON in data attributes, which JSX escapes like any attribute.
 */
import type { Locale } from '../../ui/i18n.ts'
import { t } from '../shell.tsx'
import type { Category } from '../../../knowledge/entries/categories.ts'
import type { Entry } from '../../../knowledge/entries/schema.ts'
import type { Owner } from './lookups.ts'

export const CHANNELS = ['webchat', 'wechat', 'telegram', 'teams'] as const

export function EntryForm(p: {
  locale: Locale
  entry: Entry | null
  prefill?: { question: string; answer: string }
  categories: Category[]
  owners: Owner[]
  editable: boolean
}) {
  const { locale, entry: e } = p
  const l = (k: string) => t(locale, k)
  const buttons = (e?.answerExtras.buttons ?? []).map((b) => (b.reply && b.reply !== b.label ? `${b.label} | ${b.reply}` : b.label)).join('\n')
  return (
    <form
      id="entry-form"
      class="entry-form"
      novalidate
      data-testid="entry-form"
      data-id={e?.id ?? ''}
      data-version={String(e?.version ?? 0)}
      data-similar={JSON.stringify(e?.similarQuestions ?? [])}
      data-categories={JSON.stringify(p.categories.map((c) => ({ id: c.id, parentId: c.parentId, name: c.name })))}
      data-path={JSON.stringify(e?.categoryPath ?? [])}
      data-channels={JSON.stringify(e?.channelAnswers ?? {})}
      data-valid-from={e?.validFrom ? e.validFrom.toISOString() : ''}
      data-valid-to={e?.validTo ? e.validTo.toISOString() : ''}
    >
      <div id="form-error" class="error" role="alert" hidden></div>
      <div id="form-status" class="notice" role="status" hidden></div>
      <fieldset disabled={!p.editable}>
        <div class="cols">
          <div class="col-main">
            {!e && (
              <label>
                {l('edit.id')}
                <input name="id" maxlength={100} pattern="[\w.:\-]+" autocomplete="off" />
                <span class="field-error" />
              </label>
            )}
            <label>
              {l('edit.question')}
              <input name="question" required maxlength={500} value={e?.question ?? p.prefill?.question ?? ''} autofocus />
              <span class="field-error" />
            </label>
            <fieldset class="similar">
              <legend>{l('edit.similar')}</legend>
              <p class="muted small">{l('edit.similar.hint')}</p>
              <ol id="similar-list" data-testid="similar-list"></ol>
              <button type="button" class="secondary" id="similar-add">{`+ ${l('panel.add')}`}</button>
            </fieldset>
            <label>
              {l('edit.answer')}
              <textarea name="answer" required rows={6} maxlength={20000}>
                {e?.answer ?? p.prefill?.answer ?? ''}
              </textarea>
              <span class="field-error" />
            </label>
            <label>
              {l('edit.buttons')}
              <textarea name="buttons" rows={3}>
                {buttons}
              </textarea>
              <span class="field-error" />
            </label>
            <details class="channel-answers">
              <summary>{l('edit.channelAnswers')}</summary>
              {CHANNELS.map((ch) => (
                <label>
                  {l(`panel.ch.${ch}`)}
                  <textarea name={`channel-${ch}`} rows={3} maxlength={20000}>
                    {e?.channelAnswers[ch] ?? ''}
                  </textarea>
                </label>
              ))}
            </details>
            <section class="preview" aria-label={l('edit.preview')}>
              <h2>{l('edit.preview')}</h2>
              <div role="tablist" class="tabs">
                {CHANNELS.map((ch, i) => (
                  <button type="button" role="tab" data-channel={ch} aria-selected={i === 0 ? 'true' : 'false'} class="tab">
                    {l(`panel.ch.${ch}`)}
                  </button>
                ))}
              </div>
              <div id="preview-box" role="tabpanel" data-testid="preview" aria-live="polite"></div>
            </section>
          </div>
          <div class="col-side">
            <fieldset>
              <legend>{l('edit.category')}</legend>
              <div id="category-pickers" class="stack"></div>
            </fieldset>
            <label>
              {l('edit.tags')}
              <input name="tags" value={(e?.tags ?? []).join(', ')} />
              <span class="field-error" />
            </label>
            <label>
              {l('edit.validFrom')}
              <input type="datetime-local" name="validFrom" />
            </label>
            <label>
              {l('edit.validTo')}
              <input type="datetime-local" name="validTo" />
              <span class="field-error" />
            </label>
            <label>
              {l('edit.owner')}
              <select name="ownerId">
                <option value="">{l('edit.noOwner')}</option>
                {p.owners.map((o) => (
                  <option value={String(o.id)} selected={o.id === e?.ownerId}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </div>
        {p.editable && (
          <div class="form-actions">
            <button type="submit" name="intent" value="publish" data-testid="publish">
              {l('edit.publish')}
            </button>
            <button type="submit" name="intent" value="draft" class="secondary" data-testid="save-draft">
              {l('edit.saveDraft')}
            </button>
            <span class="muted small">{l('edit.keys')}</span>
          </div>
        )}
      </fieldset>
    </form>
  )
}
