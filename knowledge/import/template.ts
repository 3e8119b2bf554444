/**
 * The import template an admin downloads from the import page: the header row the importer
 * reads, and two example entries in the admin's language showing each column's conventions
 * (similar questions one per line, category levels joined by ">", tags by commas).
 */
import type { ExportRow } from './types.ts'

const EXAMPLES: Record<'zh' | 'en', ExportRow[]> = {
  zh: [
    {
      id: 'return-policy',
      question: '怎么退货？',
      similarQuestions: ['我想退货', '退货流程是什么', '收到的东西不想要了'],
      answer: '签收后 7 天内可以在「我的订单」里申请退货，审核通过后快递员上门取件。',
      categoryPath: ['售后', '退货'],
      tags: ['退货', '售后'],
      status: 'published',
    },
    {
      id: '',
      question: '发票怎么开？',
      similarQuestions: ['要发票', '开具发票'],
      answer: '在订单详情页点「申请发票」，填写抬头和税号即可。（编号留空时会按问题自动生成）',
      categoryPath: ['账单'],
      tags: ['发票'],
      status: 'draft',
    },
  ],
  en: [
    {
      id: 'return-policy',
      question: 'How do I return an item?',
      similarQuestions: ['I want to return this', 'What is the return process'],
      answer: 'Within 7 days of delivery, open My orders and choose Return; a courier picks it up once approved.',
      categoryPath: ['After-sales', 'Returns'],
      tags: ['returns', 'after-sales'],
      status: 'published',
    },
    {
      id: '',
      question: 'How do I get an invoice?',
      similarQuestions: ['I need an invoice'],
      answer: 'Open the order and choose Request invoice. (Leave the id empty to have one made from the question.)',
      categoryPath: ['Billing'],
      tags: ['invoice'],
      status: 'draft',
    },
  ],
}

export const templateRows = (locale: 'zh' | 'en'): ExportRow[] => EXAMPLES[locale].map((r) => ({ ...r, id: r.id || undefined }))
