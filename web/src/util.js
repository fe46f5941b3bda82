// Small display helpers shared by the pages: time in Asia/Shanghai, yes/no,
// role and archive-kind vocabularies. Pure functions returning plain strings —
// never HTML (templates interpolate them as text).

const tsFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false
})

// UTC ISO 8601 timestamp → "2026-03-01 08:05:09" Beijing time.
export function formatTs(ts) {
  if (!ts) return ''
  const d = new Date(ts)
  if (Number.isNaN(d.getTime())) return String(ts)
  const p = Object.fromEntries(tsFormat.formatToParts(d).map((x) => [x.type, x.value]))
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
}

export function yesNo(v) {
  if (v === true || v === 1 || v === '1' || v === '是') return '是'
  if (v === false || v === 0 || v === '0' || v === '否') return '否'
  return ''
}

export function todayBeijing() {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date())
      .map((x) => [x.type, x.value])
  )
  return `${p.year}-${p.month}-${p.day}`
}

export const ROLES = [
  { value: 'admin', label: '系统管理员' },
  { value: 'jiwei', label: '镇纪委' },
  { value: 'dept', label: '镇职能部门' },
  { value: 'accountant', label: '代理记账会计' },
  { value: 'village', label: '村(居)干部' },
  { value: 'supervisor', label: '村务监督委员会' },
  { value: 'inspector', label: '勤廉督导员' }
]

export function roleLabel(role) {
  const r = ROLES.find((x) => x.value === role)
  return r ? r.label : role || ''
}

// Roles whose users are tied to particular villages.
export const VILLAGE_ROLES = ['accountant', 'village', 'supervisor', 'inspector']

export const DEPTS = ['农业农村局', '党群工作局', '政法和社会管理局', '财政局']

// The cadre integrity archive: kinds in the order of a year, with a colour each.
export const ARCHIVE_KINDS = [
  { value: '廉政承诺', short: '承诺', color: '#c62828' },
  { value: '述职述廉', short: '述职述廉', color: '#1565c0' },
  { value: '谈心谈话', short: '谈话', color: '#2e7d32' },
  { value: '民主评议', short: '评议', color: '#ef6c00' },
  { value: '廉政家访', short: '家访', color: '#6a1b9a' }
]

export function archiveColor(kind) {
  const k = ARCHIVE_KINDS.find((x) => x.value === kind)
  return k ? k.color : '#909399'
}

export const POSTS = ['书记', '主任', '副书记', '副主任', '委员', '纪检委员', '监委会主任', '监委会委员', '报账员', '会计', '出纳']

export const IMPORT_FILES = [
  { file: 'villages.csv', title: '村居（villages.csv）' },
  { file: 'people.csv', title: '人员（people.csv）' },
  { file: 'positions.csv', title: '任职（positions.csv）' },
  { file: 'relatives.csv', title: '近亲属申报（relatives.csv）' },
  { file: 'archive_events.csv', title: '廉政档案（archive_events.csv）' }
]

// Only same-site paths may be used as a post-login destination.
export function safeRedirect(r) {
  if (typeof r !== 'string' || !r.startsWith('/') || r.startsWith('//') || r.startsWith('/\\')) return '/'
  if (r.startsWith('/login')) return '/'
  return r
}

// A file name the server kept as sent in X-Filename (percent-encoded UTF-8 by
// api.js upload()), readable again; names without escapes are returned as is.
export function displayFileName(name) {
  const n = name || ''
  if (!/%[0-9A-Fa-f]{2}/.test(n)) return n
  try {
    return decodeURIComponent(n)
  } catch {
    return n
  }
}
