// 我的待办 from every module the user has: the township inbox (GET /inbox) and
// the module inboxes (权力清单 GET /power/inbox, 公开异议, …) merged into one list of
// {kind, title, link, due_date, overdue}, overdue first, then by due date. A
// module that refuses (403) simply adds nothing; the inbox is "forbidden" only
// when every source refuses. It holds no state and builds no HTML.
import { api } from './api.js'
import { session } from './session.js'
import { todayBeijing } from './util.js'
import { formatFen } from './money.js'

// module name (GET /menu) → its inbox path and how to read one of its items.
const MODULE_INBOXES = [
  { module: 'power', path: '/power/inbox', map: (it) => it },
  { module: 'books', path: '/books/inbox', map: voucherItem },
  { module: 'complaint', path: '/complaints/inbox', map: complaintItem },
  { module: 'rectify', path: '/rectifications', query: { mine: 1, state: 'open', per_page: 100 }, map: rectifyItem },
  // Villagers' objections wait for the village cadres who answer them.
  { module: 'disclose', path: '/disclosure-objections', query: { open: 1 }, map: objectionItem, roles: ['village'] }
]

function objectionItem(o) {
  return {
    kind: '公开异议待答复',
    title: `${o.village_name} ${o.ref} ${o.title}：${o.content}`,
    link: '/disclosures/' + o.disclosure_id,
    due_date: o.due_date,
    overdue: !!o.overdue
  }
}

function complaintItem(c) {
  return {
    kind: '信访' + c.state_label,
    title: `${c.village_name} ${c.ref} ${c.subject}`,
    link: '/complaints/' + c.id,
    due_date: c.due_date,
    overdue: !!c.overdue
  }
}

function rectifyItem(x) {
  return { kind: '整改', title: `${x.village_name} ${x.ref} ${x.problem}`, link: '/rectify/' + x.id, due_date: x.deadline, overdue: !!x.overdue }
}

function voucherItem(v) {
  const kind =
    v.status === 'pending' ? `凭证待${v.next_step}` : v.status === 'approved' ? '凭证待记账' : v.status === 'rejected' ? '凭证被退回' : '凭证草稿'
  return {
    kind,
    title: `${v.village_name} ${v.voucher_no} ${v.summary || ''}（${formatFen(v.total_fen)} 元）`,
    link: '/books/vouchers/' + v.id,
    due_date: null
  }
}

function sources() {
  const list = [{ path: '/inbox', map: (it) => it }]
  const role = session.user && session.user.role
  for (const m of MODULE_INBOXES) {
    if (m.roles && !m.roles.includes(role)) continue
    if (session.modules.some((s) => s.name === m.module)) list.push(m)
  }
  return list
}

// → { items, forbidden }; throws the first error that is not a 403 when
// nothing could be read.
export async function loadInbox() {
  const today = todayBeijing()
  const results = await Promise.allSettled(sources().map((s) => api.get(s.path, s.query)))
  const items = []
  let ok = 0
  let firstError = null
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') {
      ok++
      for (const it of (r.value && r.value.items) || []) {
        const x = sources()[i].map(it)
        if (x) items.push({ ...x, overdue: x.overdue === true || (!!x.due_date && x.due_date < today) })
      }
    } else if (r.reason && r.reason.status !== 403 && !firstError) firstError = r.reason
  })
  if (!ok && firstError) throw firstError
  items.sort((a, b) => {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1
    const da = a.due_date || '9999'
    const db = b.due_date || '9999'
    return da < db ? -1 : da > db ? 1 : 0
  })
  return { items, forbidden: ok === 0 && !firstError }
}
