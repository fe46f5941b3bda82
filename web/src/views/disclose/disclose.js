// Vocabulary of 三务公开、惠民资金、双随机一公开 on the console: publication
// states, board states and the catalogue picker. Labels only: the server
// decides who may do what and refuses with its reason.
import { api } from '../../api.js'

export const STATUS = {
  draft: { label: '草稿', type: 'info' },
  review: { label: '待监委会审核', type: 'warning' },
  approved: { label: '审核同意，待发布', type: 'primary' },
  rejected: { label: '已退回', type: 'danger' },
  published: { label: '已公开', type: 'success' },
  withdrawn: { label: '已撤回', type: 'info' }
}

export function statusLabel(s) {
  return (STATUS[s] || {}).label || s || ''
}

// Compliance board: state → label and cell colour.
export const BOARD_STATES = [
  { value: 'on_time', label: '按时公开', color: '#67c23a' },
  { value: 'late', label: '逾期公开', color: '#e6a23c' },
  { value: 'missing', label: '未公开', color: '#f56c6c' },
  { value: 'pending', label: '未到期', color: '#c0c4cc' }
]

export const FREQUENCIES = { monthly: '每月', quarterly: '每季度', annual: '每年', event: '随时' }

// Period hint for an item's frequency.
export function periodHint(freq) {
  if (freq === 'monthly') return '如 2026-03'
  if (freq === 'quarterly') return '如 2026-Q1'
  if (freq === 'annual') return '如 2026'
  return '如 2026-03（事项发生的月份）'
}

// The township's effective catalogue (active items); fetched each time, as
// the township may change it.
export async function loadCatalogue() {
  const d = await api.get('/disclosure-catalogue')
  return ((d && d.items) || []).filter((it) => it.active)
}
