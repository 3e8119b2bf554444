/** Strings of the knowledge list's bulk actions; `panel.bulk.*` are read by browser/knowledgeList.ts. */
import type { Pairs } from './pairs.ts'

export const bulkPairs: Pairs = {
  'kb.bulk.title': ['批量操作', 'Bulk actions'],
  'kb.bulk.none': ['勾选条目后可批量操作。', 'Tick entries to act on several at once.'],
  'kb.bulk.all': ['全选本页', 'Select all on this page'],
  'kb.bulk.pick': ['选择 "{q}"', 'Select "{q}"'],
  'kb.bulk.action': ['操作', 'Action'],
  'kb.bulk.publish': ['发布', 'Publish'],
  'kb.bulk.unpublish': ['撤回为草稿', 'Unpublish (back to draft)'],
  'kb.bulk.move': ['移动到分类', 'Move to a category'],
  'kb.bulk.addTag': ['添加标签', 'Add a tag'],
  'kb.bulk.removeTag': ['移除标签', 'Remove a tag'],
  'kb.bulk.delete': ['删除', 'Delete'],
  'kb.bulk.category': ['目标分类', 'Category'],
  'kb.bulk.noCategory': ['（不分类）', '(no category)'],
  'kb.bulk.tag': ['标签', 'Tag'],
  'kb.bulk.apply': ['应用到所选条目', 'Apply to selected'],
  'panel.bulk.count': ['已选 {n} 条', '{n} selected'],
  'panel.bulk.none': ['勾选条目后可批量操作。', 'Tick entries to act on several at once.'],
  'panel.bulk.pickSome': ['请先勾选至少一个条目。', 'Tick at least one entry first.'],
  'panel.bulk.confirm.delete': [
    '确定删除所选的 {n} 个条目吗？删除后机器人立即不再使用它们（操作记录中保留快照）。',
    'Delete the {n} selected entries? The bot stops using them at once (the audit log keeps a snapshot).',
  ],
  'panel.bulk.confirm.unpublish': [
    '确定把所选的 {n} 个条目撤回为草稿吗？机器人将立即不再用它们回答。',
    'Move the {n} selected entries back to draft? The bot stops answering from them at once.',
  ],
  'panel.bulk.working': ['正在处理 {n} 个条目…', 'Working on {n} entries…'],
  'panel.bulk.done': ['已完成：{changed} 个条目已更新，{unchanged} 个无需更改。', 'Done: {changed} entries updated, {unchanged} already so.'],
  'panel.bulk.deleted': ['已删除 {n} 个条目。', 'Deleted {n} entries.'],
  'panel.bulk.unknown': [
    '没有执行任何更改：以下条目已不存在（可能已被删除）：{ids}。请刷新列表。',
    'Nothing was changed: these entries no longer exist (perhaps deleted): {ids}. Reload the list.',
  ],
  'panel.bulk.stale': [
    '没有执行任何更改：有 {n} 个条目在您打开列表后被修改过。请刷新后重试。',
    'Nothing was changed: {n} of the entries were edited since you opened the list. Reload and try again.',
  ],
}
