/**
 * One exported entry as the cells of a table row (CSV and XLSX share this), in the
 * header order below. English headers: they are stable, and the importer also accepts
 * the Chinese ones admins may type by hand.
 */
import { joinCategory, joinSimilar, joinTags } from './cell-lists.ts'
import type { ExportRow } from './types.ts'

export const EXPORT_HEADER = ['id', 'question', 'similar_questions', 'answer', 'category', 'tags', 'status'] as const

export function rowToCells(row: ExportRow): string[] {
  return [row.id ?? '', row.question, joinSimilar(row.similarQuestions), row.answer, joinCategory(row.categoryPath), joinTags(row.tags), row.status ?? '']
}
