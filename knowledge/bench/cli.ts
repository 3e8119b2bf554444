/**
 * npm run bench:retrieval -- --kb KB.jsonl --queries QUERIES.jsonl [--baselines] [--json]
 *   [--split tune|report|all] [--database-url postgres://…] [--target-precision 0.95]
 * The lead's `kefu bench retrieval` calls runRetrievalBench and formatTable the same way.
 */
import { parseArgs } from 'node:util'
import type { Split } from './dataset.ts'
import { formatTable } from './format.ts'
import { runRetrievalBench } from './retrieval.ts'

const { values } = parseArgs({
  options: {
    kb: { type: 'string' },
    queries: { type: 'string' },
    split: { type: 'string', default: 'report' },
    baselines: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    'target-precision': { type: 'string' },
  },
})
if (!values.kb || !values.queries || !['tune', 'report', 'all'].includes(values.split!)) {
  console.error('usage: bench:retrieval --kb KB.jsonl --queries QUERIES.jsonl [--baselines] [--json] [--split tune|report|all]')
  process.exit(2)
}
const result = await runRetrievalBench({
  kb: values.kb,
  queries: values.queries,
  split: values.split as Split,
  baselines: values.baselines,
  databaseUrl: values['database-url'],
  targetPrecision: values['target-precision'] ? Number(values['target-precision']) : undefined,
  log: values.json ? undefined : (l) => console.error(l),
})
console.log(values.json ? JSON.stringify(result, null, 2) : formatTable(result))
