/**
 * The import report's reasons in Chinese. Parsers and validation write one English reason per
 * problem (joined with "; " when a row has several); a zh reader gets each part from this table,
 * with the numbers and names carried over. A reason not listed stays English rather than guessed.
 */
const TABLE: [en: string, zh: string][] = [
  ['question is empty', '标准问题为空'],
  ['answer is empty', '答案为空'],
  ['question is {a} characters (max {b})', '标准问题有 {a} 个字，最多 {b} 个'],
  ['answer is {a} characters (max {b})', '答案有 {a} 个字，最多 {b} 个'],
  ['{a} similar questions (max {b})', '相似问法有 {a} 条，最多 {b} 条'],
  ['similar question {a} is {b} characters (max {c})', '第 {a} 条相似问法有 {b} 个字，最多 {c} 个'],
  ['category has {a} levels (max {b})', '分类有 {a} 级，最多 {b} 级'],
  ['status "{a}" is not draft or published', '状态“{a}”无法识别，请填 已发布 或 草稿（published / draft）'],
  ['duplicate id {a} (first seen on line {b})', '编号 {a} 重复（第 {b} 行已出现过）'],
  ['invalid id "{a}": {b}', '编号“{a}”不可用：{b}'],
  ['{a} must be text, not {b}', '{a} 必须是文字，而不是 {b}'],
  ['header row has no {a} column', '表头缺少 {a} 列'],
  ['row has {a} cells but the header has {b} (an unquoted comma inside a cell?)', '这一行有 {a} 个单元格，表头只有 {b} 列（单元格里有没加引号的逗号？）'],
  ['unclosed quote: a quoted field starting on line {a} never ends', '引号没有闭合：从第 {a} 行开始的带引号单元格没有结束'],
  ['invalid JSON: {a}', 'JSON 格式错误：{a}'],
  ['line is {a}, not a JSON object', '这一行是 {a}，不是 JSON 对象'],
  ['unknown file format "{a}"', '无法识别的文件格式“{a}”'],
  ['could not read the file: {a}', '无法读取文件：{a}'],
  ['this is an old Excel 97–2003 (.xls) file; save it as .xlsx and upload again', '这是旧版 Excel 97–2003（.xls）文件，请另存为 .xlsx 后重新上传'],
  ['not an XLSX file (it is not a ZIP archive)', '不是 XLSX 文件（不是 ZIP 压缩包）'],
  ['not a readable XLSX file: {a}', '无法读取的 XLSX 文件：{a}'],
  ['the workbook has no sheets', '工作簿里没有工作表'],
]

const WORDS: Record<string, string> = { 'a list': '列表', 'an object': '对象', null: '空值', 'a number': '数字', 'a boolean': '布尔值' }
const FIELDS: Record<string, string> = {
  'question (question/标准问题/標準問題/问题/問題)': '标准问题（question）',
  'answer (answer/答案)': '答案（answer）',
  question: '标准问题',
  answer: '答案',
  similar_questions: '相似问法',
  category: '分类',
  tags: '标签',
  status: '状态',
  id: '编号',
}
const carry = (v: string) => WORDS[v] ?? FIELDS[v] ?? v.replace(/ or /g, ' 和 ')

const COMPILED = TABLE.map(([en, zh]) => {
  const names: string[] = []
  const source = en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{([a-c])\\\}/g, (_, n: string) => (names.push(n), '(.+?)'))
  return { re: new RegExp(`^${source}$`), names, zh }
})

function one(part: string): string {
  for (const { re, names, zh } of COMPILED) {
    const m = re.exec(part)
    if (m) return names.reduce((out, n, i) => out.replace(`{${n}}`, carry(m[i + 1] ?? '')), zh)
  }
  return part
}

export function reasonInZh(reason: string): string {
  return reason.split('; ').map(one).join('；')
}
