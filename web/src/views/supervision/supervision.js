// Vocabulary of the supervision modules on the console: complaint states and
// the workflow steps each state allows (mirroring the server's table so that
// only sensible buttons are offered — the server still decides and refuses with
// its reason), rectification sources and states, audit kinds and topics, the
// four forms of discipline. Labels and form layouts only; no HTML.

export const CHANNELS = ['来信', '来访', '电话', '网络', '其他']
export const TRACKS = [
  { value: 'xinfang', label: '信访（15 日内告知是否受理）' },
  { value: 'jijian', label: '检举控告（5 个工作日内受理）' }
]
export const OUTCOMES = ['属实', '部分属实', '不属实', '其他']

export const COMPLAINT_STATES = {
  registered: { label: '已登记', type: 'info' },
  accepted: { label: '已受理', type: 'primary' },
  rejected: { label: '不予受理', type: 'info' },
  transferred: { label: '已转办', type: 'info' },
  assigned: { label: '已包案交办', type: 'primary' },
  handling: { label: '办理中', type: 'warning' },
  concluded: { label: '已办结', type: 'success' },
  replied: { label: '已反馈', type: 'success' },
  review_requested: { label: '申请复查', type: 'warning' },
  reviewed: { label: '已复查', type: 'success' },
  recheck_requested: { label: '申请复核', type: 'warning' },
  rechecked: { label: '已复核', type: 'success' },
  closed: { label: '已结案', type: 'info' }
}

export const COMPLAINT_ACTIONS = {
  'complaint.create': '登记',
  'complaint.submit': '网上举报',
  'complaint.decide': '受理决定',
  'complaint.assign': '包案交办',
  'complaint.progress': '办理情况',
  'complaint.conclude': '办结',
  'complaint.reply': '反馈信访人',
  'complaint.satisfaction': '满意度',
  'complaint.review_request': '申请复查/复核',
  'complaint.review_answer': '复查/复核意见',
  'complaint.close': '结案',
  'complaint.reopen': '重新办理',
  'complaint.extend': '延期',
  'complaint.classify': '分类',
  'complaint.message': '询问信访人',
  'complaint.message_in': '信访人留言',
  'complaint.link': '关联',
  'complaint.escalate': '督办',
  'complaint.import': '导入'
}

const OPEN_HANDLING = ['assigned', 'handling']

// The workflow steps: where they start, who may take them (handler: the 包案
// handler may, else the commission only), and their form.
export const COMPLAINT_STEPS = [
  {
    key: 'decision',
    label: '受理决定',
    from: ['registered'],
    primary: true,
    fields: [
      { key: 'decision', label: '决定', type: 'radio', options: ['受理', '不予受理', '转办'], required: true, default: '受理' },
      { key: 'reason', label: '理由', type: 'textarea', placeholder: '不予受理或转办须写明理由（转办写明转往单位）' }
    ]
  },
  {
    key: 'assign',
    label: '包案交办',
    from: ['accepted', 'assigned', 'handling'],
    primary: (s) => s === 'accepted',
    fields: [
      { key: 'handler', label: '包案责任人', type: 'input', required: true, placeholder: '责任人的登录用户名（须有该村信访查看权限）' },
      { key: 'note', label: '交办要求', type: 'textarea' }
    ]
  },
  { key: 'progress', label: '登记办理情况', from: OPEN_HANDLING, handler: true, fields: [{ key: 'note', label: '办理情况', type: 'textarea', required: true }] },
  {
    key: 'conclude',
    label: '办结',
    from: OPEN_HANDLING,
    handler: true,
    primary: true,
    fields: [
      { key: 'outcome', label: '办理结果', type: 'radio', options: OUTCOMES, required: true },
      { key: 'opinion', label: '处理意见书', type: 'textarea', required: true, rows: 5 }
    ]
  },
  { key: 'reply', label: '反馈信访人', from: ['concluded'], handler: true, primary: true, fields: [{ key: 'text', label: '反馈内容', type: 'textarea', required: true, placeholder: '信访人凭查询码可看到' }] },
  { key: 'messages', label: '询问信访人', from: [...OPEN_HANDLING, 'accepted', 'concluded'], handler: true, fields: [{ key: 'text', label: '询问内容', type: 'textarea', required: true, placeholder: '信访人凭查询码查看并答复' }] },
  {
    key: 'satisfaction',
    label: '登记满意度',
    from: ['replied', 'reviewed', 'rechecked'],
    fields: [
      { key: 'satisfaction', label: '满意度', type: 'radio', options: ['满意', '基本满意', '不满意'], required: true },
      { key: 'comment', label: '说明', type: 'textarea' }
    ]
  },
  { key: 'review-request', label: '登记复查/复核申请', from: ['replied', 'reviewed'], fields: [{ key: 'reason', label: '申请理由', type: 'textarea', required: true }] },
  { key: 'review-answer', label: '出具复查/复核意见', from: ['review_requested', 'recheck_requested'], primary: true, fields: [{ key: 'opinion', label: '意见', type: 'textarea', required: true, rows: 5 }] },
  { key: 'close', label: '结案', from: ['replied', 'reviewed', 'rechecked', 'rejected', 'transferred'], confirm: '结案后如需继续办理须“重新办理”。确定结案吗？', fields: [] },
  { key: 'reopen', label: '重新办理', from: ['closed', 'rejected', 'transferred', 'replied', 'reviewed', 'rechecked'], fields: [{ key: 'reason', label: '理由', type: 'textarea', required: true }] },
  {
    key: 'extend',
    label: '延长期限',
    from: ['accepted', 'assigned', 'handling', 'concluded', 'review_requested', 'recheck_requested'],
    fields: [
      { key: 'days', label: '延长天数', type: 'number', required: true, min: 1, max: 30, default: 30 },
      { key: 'reason', label: '延期理由', type: 'textarea', required: true }
    ]
  },
  {
    key: 'links',
    label: '关联信访件',
    from: Object.keys(COMPLAINT_STATES),
    fields: [
      { key: 'other_ref', label: '对方编号', type: 'input', required: true, placeholder: '如 XF2026-0003' },
      { key: 'other_village_code', label: '对方村（居）', type: 'village', placeholder: '同村可不选' },
      { key: 'kind', label: '关系', type: 'radio', options: ['重复', '相关'], required: true, default: '重复' }
    ]
  }
]

export const RECT_SOURCES = ['巡察', '审计', '督查', '信访', '预警']
export const RECT_STATES = {
  open: { label: '整改中', type: 'warning' },
  done: { label: '整改完成待销号', type: 'primary' },
  closed: { label: '已销号', type: 'success' }
}

export const AUDIT_KINDS = ['年度', '离任', '专项']
export const AUDIT_TOPICS = ['土地征用', '债权债务', '承包上交', '一事一议', '群众反映', '其他']

export const FORMS = [
  { value: 1, label: '第一种形态', kinds: ['谈话提醒', '批评教育', '责令检查', '诫勉'] },
  { value: 2, label: '第二种形态', kinds: ['警告', '严重警告', '组织调整'] },
  { value: 3, label: '第三种形态', kinds: ['撤销党内职务', '留党察看', '开除党籍', '重大职务调整'] },
  { value: 4, label: '第四种形态', kinds: ['追究刑事责任'] }
]

// "剩 3 天" / "今天到期" / "超期 2 天" for a countdown in days.
export function countdownText(daysLeft) {
  if (daysLeft === null || daysLeft === undefined) return ''
  if (daysLeft > 0) return `剩 ${daysLeft} 天`
  if (daysLeft === 0) return '今天到期'
  return `超期 ${-daysLeft} 天`
}
export function countdownType(daysLeft) {
  if (daysLeft === null || daysLeft === undefined) return 'info'
  if (daysLeft < 0) return 'danger'
  if (daysLeft <= 3) return 'warning'
  return 'success'
}
