// Vocabulary of the collective books on the console: voucher states, the five
// steps of the approval chain and who signs each, report names, and the leaf
// accounts of a village for the account picker. Labels only: the server decides
// who may do what and refuses with its reason.
import { api } from '../../api.js'
import { session } from '../../session.js'

export const STATUS = {
  draft: { label: '草稿', type: 'info' },
  pending: { label: '审批中', type: 'warning' },
  approved: { label: '已审核', type: 'primary' },
  posted: { label: '已记账', type: 'success' },
  rejected: { label: '已退回', type: 'danger' },
  void: { label: '已作废', type: 'info' }
}

export const CHAIN = [
  { name: '经办', roles: ['accountant', 'village'], who: '制单人' },
  { name: '证明', roles: ['village'], who: '村（居）干部' },
  { name: '监委会审核', roles: ['supervisor'], who: '村务监督委员会' },
  { name: '书记审批', roles: ['village'], who: '村（居）书记' },
  { name: '镇审核', roles: ['accountant', 'dept'], who: '镇代理记账会计或农业农村局' }
]

// May the logged-in user's role sign this step (the server also checks the
// village, and that no one signs twice)?
export function maySign(stepName) {
  const s = CHAIN.find((c) => c.name === stepName)
  return !!s && !!session.user && s.roles.includes(session.user.role)
}

export const PAY_METHODS = ['现金', '转账', '其他']

export const REPORTS = [
  { value: 'trial-balance', label: '科目余额表', township: true },
  { value: 'ledger', label: '明细账' },
  { value: 'cash-journal', label: '现金日记账' },
  { value: 'bank-journal', label: '银行存款日记账' },
  { value: 'balance-sheet', label: '资产负债表', township: true },
  { value: 'income', label: '收益及收益分配表', township: true }
]

const cache = new Map() // village code → Promise of its accounts

// The village's chart (standard accounts and its own sub-accounts), with leaf.
export function loadAccounts(village, fresh = false) {
  if (fresh || !cache.has(village)) {
    const p = api.get('/books/' + encodeURIComponent(village) + '/accounts').then((d) => (d && d.items) || [])
    p.catch(() => cache.delete(village))
    cache.set(village, p)
  }
  return cache.get(village)
}

// "/api/v1/book-lines?village=…&account=…" → { path: '/book-lines', query: {...} }
export function parseDrill(link) {
  const u = new URL(link, 'http://x')
  const path = u.pathname.replace(/^\/api\/v1/, '')
  const query = {}
  for (const [k, v] of u.searchParams) query[k] = v
  return { path, query }
}
