/**
 * The DOM helper every browser script shares. Strings always become text nodes, never
 * markup, so whatever a customer, an agent or a knowledge entry wrote is shown as text.
 */

type AttrValue = string | number | boolean | null | undefined
/** `onclick: (e) => …` adds a listener; any other key is an attribute (true = present, false/null = absent). */
export type Attrs = Record<string, AttrValue | ((e: never) => unknown)>
export type Child = Node | string | number | null | undefined | false | readonly Child[]

/** el('td', { class: 'x', onclick }, 'text', child) */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue
    if (typeof v === 'function') node.addEventListener(k.slice(2), v as EventListener)
    else node.setAttribute(k, v === true ? '' : String(v))
  }
  append(node, children)
  return node
}

function append(node: Element, children: readonly Child[]) {
  for (const c of children) {
    if (c == null || c === false) continue
    if (Array.isArray(c)) append(node, c)
    else node.append(c instanceof Node ? c : String(c))
  }
}

/** An element the server rendered, typed; null when this page has none. */
export const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null

/** A form control by name (form.elements.x is untyped in the DOM lib). */
export const field = <T extends Element = HTMLInputElement>(form: HTMLFormElement, name: string) => form.elements.namedItem(name) as T

/** JSON the server put in a data attribute (attribute escaping keeps it safe). */
export function dataJson<T>(node: HTMLElement | null | undefined, key: string, fallback: T): T {
  const raw = node?.dataset[key]
  return raw ? (JSON.parse(raw) as T) : fallback
}

/** Show text (and optional nodes after it) in a role=alert / role=status box; hidden when empty. */
export function say(box: HTMLElement | null | undefined, text: string | null | undefined, ...extra: (Node | string)[]) {
  if (!box) return
  box.replaceChildren(...(text ? [text, ...extra] : []))
  box.hidden = !text
}

/**
 * Mark a field invalid with its message beside it, in the `.field-error` of its parent (or
 * of its closest `scope`, e.g. 'label'); returns whether it is valid.
 */
export function markField(input: Element, message: string, scope?: string): boolean {
  input.setAttribute('aria-invalid', message ? 'true' : 'false')
  const slot = (scope ? input.closest(scope) : input.parentElement)?.querySelector('.field-error')
  if (slot) slot.textContent = message || ''
  return !message
}
