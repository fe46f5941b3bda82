// Vocabulary of the red-flag pages: alert states and severities as the server
// names them (rules_api.c), the colours of the grid, and where each kind of
// record an alert cites lives in the console. Pure data and functions returning
// plain strings or route paths — never HTML, and no request of its own.

export const STATES = [
  ['new', '新预警'],
  ['assigned', '已交办'],
  ['checking', '核查中'],
  ['confirmed', '属实待整改'],
  ['partial', '部分属实待整改'],
  ['dismissed', '不属实'],
  ['rectifying', '整改中'],
  ['closed', '已关闭'],
  ['lapsed', '已消除']
]

export const OPEN_STATES = ['new', 'assigned', 'checking', 'confirmed', 'partial', 'rectifying']

export function stateLabel(s) {
  const x = STATES.find((t) => t[0] === s)
  return x ? x[1] : s || ''
}

// el-tag types
export const SEVERITY_TAG = { high: 'danger', medium: 'warning', low: 'info' }
export const STATE_TAG = {
  new: 'danger',
  assigned: 'warning',
  checking: 'warning',
  confirmed: 'danger',
  partial: 'danger',
  rectifying: 'primary',
  dismissed: 'info',
  closed: 'success',
  lapsed: 'info'
}

export const SEVERITIES = [
  ['high', '高'],
  ['medium', '中'],
  ['low', '低']
]

// Heat-map colours by worst severity (none, low, medium, high) and the village
// risk colours (红/黄/绿).
export const SEVERITY_COLOUR = { none: '#f2f3f5', low: '#ffe08a', medium: '#ffa04d', high: '#e0474c' }
export const RISK_COLOUR = { red: '#d93026', yellow: '#e6a23c', green: '#43a047' }

// Log actions of an alert → Chinese.
const ACTIONS = {
  'alert.assign': '交办',
  'alert.check': '开始核查',
  'alert.verdict': '核查结论',
  'alert.rectify': '交办整改',
  'alert.close': '关闭',
  'alert.note': '核查记录',
  'alert.raise': '扫描发现',
  'alert.reraise': '证据变化，重新预警',
  'alert.refresh': '扫描更新',
  'alert.lapse': '数据已更正，预警消除',
  'alert.unraise': '规则不再触发'
}

export function actionLabel(a) {
  return ACTIONS[a] || a || ''
}

// The short name of a cited record from its current value (the first
// identifying column the table has).
const NAME_COLS = ['voucher_no', 'contract_no', 'matter_no', 'project_no', 'trade_no', 'ref_no', 'ref', 'resource_no', 'asset_no', 'item_code', 'name', 'code']

export function citeTitle(c) {
  const v = c.value || {}
  const parts = []
  for (const k of NAME_COLS) {
    if (v[k] !== undefined && v[k] !== null && v[k] !== '') {
      parts.push(String(v[k]))
      break
    }
  }
  if (c.entity === 'positions' && v.post) parts.push(`${v.post}（${v.start_date || ''}${v.end_date ? ' 至 ' + v.end_date : ' 起'}）`)
  if (c.entity === 'relatives' && v.relation) parts.push(v.relation)
  if (c.entity === 'matter_steps' && v.step) parts.push(`${v.step}${v.date ? ' ' + v.date : ''}`)
  if (c.entity === 'disclosures' && v.period) parts.push(v.period)
  if (c.entity === 'subsidy_payments' && v.period) parts.push(v.period)
  if (c.entity === 'contract_bills' && v.due_date) parts.push(`应收 ${v.due_date}`)
  if (c.entity === 'book_vouchers' && v.date) parts.push(v.date)
  return parts.join(' · ') || `#${c.id}`
}

// Where a cited record is shown in the console: [path, fallback list path].
// The first path is used when the router knows it (a detail page), else the
// fallback (the list page of its module).
export function citePaths(c) {
  const v = c.value || {}
  const id = c.id
  switch (c.entity) {
    case 'villages':
      return v.code ? [`/villages/${v.code}`] : ['/villages']
    case 'people':
      return [`/people/${id}`]
    case 'positions':
      return v.person_id ? [`/people/${v.person_id}`] : ['/villages']
    case 'relatives':
      return v.cadre_id ? [`/people/${v.cadre_id}`] : ['/villages']
    case 'archive_events':
      return v.person_id ? [`/people/${v.person_id}`] : ['/archive-events']
    case 'book_vouchers':
      return [`/books/vouchers/${id}`, '/books/vouchers']
    case 'matters':
      return [`/power/matters/${id}`, '/power/matters']
    case 'matter_steps':
      return v.matter_id ? [`/power/matters/${v.matter_id}`] : ['/power/matters']
    case 'contracts':
      return [`/assets/contracts/${id}`, '/assets']
    case 'contract_bills':
      return v.contract_id ? [`/assets/contracts/${v.contract_id}`, '/assets'] : ['/assets']
    case 'assets':
    case 'resources':
      return ['/assets']
    case 'projects':
      return [`/trades/projects/${id}`, '/trades']
    case 'trades':
      return [`/trades/listings/${id}`, '/trades']
    case 'bids':
      return ['/trades']
    case 'disclosures':
      return [`/disclosures/${id}`, '/disclosures']
    case 'complaints':
      return [`/complaints/${id}`, '/complaints']
    case 'rectifications':
      return [`/rectify/${id}`, '/rectify']
    case 'audits':
      return [`/audits/${id}`, '/audits']
    case 'subsidy_payments':
      return ['/subsidies']
    default:
      return []
  }
}
