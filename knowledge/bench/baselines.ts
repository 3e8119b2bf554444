/**
 * What we must beat, run on the same data in the same process:
 *  - BM25 (MiniSearch) over every question, Chinese segmented with jieba;
 *  - NLP.js (its own tokeniser, stemmer and neural intent classifier), one intent per entry.
 * Both get the same normalised text as our engine, so the comparison is about matching.
 */
import MiniSearch from 'minisearch'
import { normalise } from '../text/normalise.ts'
import { words } from '../text/segment.ts'
import type { BenchEntry } from './dataset.ts'

export interface Ranker {
  name: string
  /** Ranked entry ids with scores; `answered` = the system's own "I know this" when it has one. */
  rank(query: string): Promise<{ ids: string[]; answered?: boolean }>
}

export function bm25Baseline(kb: BenchEntry[]): Ranker {
  const ms = new MiniSearch<{ id: number; entry: string; text: string }>({
    fields: ['text'],
    storeFields: ['entry'],
    tokenize: (t) => words(normalise(t)),
    processTerm: (t) => t,
  })
  let id = 0
  ms.addAll(kb.flatMap((e) => [e.question, ...(e.similar_questions ?? [])].map((text) => ({ id: id++, entry: e.id, text }))))
  return {
    name: 'bm25-jieba (minisearch)',
    async rank(q) {
      const seen = new Set<string>()
      for (const r of ms.search(q)) seen.add(r.entry as string)
      return { ids: [...seen].slice(0, 10) }
    },
  }
}

export async function nlpjsBaseline(kb: BenchEntry[], lang: 'en' | 'zh'): Promise<Ranker> {
  // Untyped CommonJS packages: loaded by name so the type checker does not ask for typings.
  const [basic, zh] = ['@nlpjs/basic', '@nlpjs/lang-zh']
  const { containerBootstrap, Nlp, LangEn } = (await import(basic!)) as any
  const { LangZh } = (await import(zh!)) as any
  const container = await containerBootstrap()
  container.use(Nlp)
  container.use(lang === 'zh' ? LangZh : LangEn)
  const nlp = container.get('nlp')
  nlp.settings.autoSave = false
  nlp.settings.log = false
  nlp.addLanguage(lang)
  for (const e of kb) for (const t of [e.question, ...(e.similar_questions ?? [])]) nlp.addDocument(lang, normalise(t) || '-', e.id)
  // NLP.js prints its training epochs with console.log; keep the bench output readable.
  const log = console.log
  console.log = () => {}
  try {
    await nlp.train()
  } finally {
    console.log = log
  }
  return {
    name: 'nlp.js',
    async rank(q) {
      const r = await nlp.process(lang, normalise(q) || '-')
      const ids = (r.classifications ?? []).filter((c: any) => c.intent !== 'None' && c.score > 0).map((c: any) => c.intent)
      return { ids: ids.slice(0, 10), answered: r.intent !== 'None' && r.intent === ids[0] }
    },
  }
}
