// The console's pages by business module: the left menu shows a module only
// when the server lists it in GET /api/v1/menu (a module exists there) and this
// table has pages for it, so there are never empty or "coming soon" entries.
// Each module issue adds its entry here and its routes in router.js.
// It must not decide permissions: the server's menu and API do.

// Every role that reads business records (all but admin).
const STAFF = ['jiwei', 'dept', 'accountant', 'village', 'supervisor', 'inspector']

export const CONSOLE_MODULES = [
  {
    name: 'org',
    aliases: [],
    title: '组织与干部',
    icon: 'OfficeBuilding',
    items: [
      { path: '/villages', title: '村居列表' },
      { path: '/archive-events', title: '廉政档案' }
    ]
  },
  {
    name: 'power',
    aliases: [],
    title: '权力清单与议事决策',
    icon: 'Stamp',
    items: [
      { path: '/power/items', title: '小微权力清单', roles: STAFF },
      { path: '/power/matters', title: '事项办理', roles: STAFF },
      { path: '/power/inquiries', title: '质询', roles: STAFF },
      { path: '/power/settings', title: '议事决策参数', roles: ['jiwei', 'dept'] }
    ]
  },
  {
    name: 'books',
    aliases: [],
    title: '村集体账务',
    icon: 'Notebook',
    items: [
      { path: '/books/vouchers', title: '凭证', roles: STAFF },
      { path: '/books/inbox', title: '凭证审批', roles: ['accountant', 'dept', 'village', 'supervisor'] },
      { path: '/books/reports', title: '账务报表', roles: STAFF },
      { path: '/books/accounts', title: '科目与结账', roles: STAFF }
    ]
  },
  {
    name: 'assets',
    aliases: [],
    title: '资产资源与合同',
    icon: 'House',
    items: [{ path: '/assets', title: '资产资源与合同', roles: STAFF }]
  },
  {
    name: 'trade',
    aliases: [],
    title: '产权交易与小型项目',
    icon: 'Sell',
    items: [{ path: '/trades', title: '交易与项目', roles: STAFF }]
  },
  {
    name: 'rules',
    aliases: [],
    title: '大数据监督预警',
    icon: 'DataAnalysis',
    items: [{ path: '/alerts', title: '监督预警', roles: ['jiwei', 'dept', 'supervisor', 'inspector'] }]
  },
  {
    name: 'complaint',
    aliases: [],
    title: '信访举报',
    icon: 'ChatLineSquare',
    items: [{ path: '/complaints', title: '信访件', roles: ['jiwei', 'dept', 'village', 'supervisor', 'inspector'] }]
  },
  {
    name: 'rectify',
    aliases: [],
    title: '整改',
    icon: 'Finished',
    items: [
      { path: '/rectify/board', title: '见底清零台账', roles: ['jiwei', 'dept', 'village', 'supervisor', 'inspector'] },
      { path: '/rectify', title: '整改清单', roles: ['jiwei', 'dept', 'village', 'supervisor', 'inspector'] }
    ]
  },
  {
    name: 'audit',
    aliases: [],
    title: '审计',
    icon: 'Search',
    items: [{ path: '/audits', title: '审计项目', roles: ['jiwei', 'dept', 'village', 'supervisor'] }]
  },
  {
    name: 'discipline',
    aliases: [],
    title: '四种形态',
    icon: 'Warning',
    items: [{ path: '/discipline', title: '案件', roles: ['jiwei'] }]
  },
  {
    name: 'disclose',
    aliases: [],
    title: '三务公开',
    icon: 'Document',
    items: [
      { path: '/disclosures', title: '公开事项', roles: STAFF },
      { path: '/disclosure-objections', title: '村民异议', roles: STAFF },
      { path: '/disclosure-board', title: '公开合规看板', roles: STAFF },
      { path: '/disclosure-catalogue', title: '公开目录', roles: STAFF }
    ]
  },
  {
    name: 'subsidy',
    aliases: [],
    title: '惠民资金',
    icon: 'Coin',
    items: [{ path: '/subsidies', title: '发放名单与查询', roles: ['jiwei', 'dept', 'village', 'supervisor', 'inspector'] }]
  },
  {
    name: 'draw',
    aliases: [],
    title: '双随机一公开',
    icon: 'Aim',
    items: [{ path: '/draws', title: '抽查', roles: ['jiwei', 'dept'] }]
  },
  {
    name: 'plan',
    aliases: [],
    title: '任务清单',
    icon: 'List',
    items: [
      { path: '/plan/tasks', title: '年度任务', roles: ['jiwei', 'dept', 'village', 'supervisor', 'inspector'] },
      { path: '/plan/board', title: '推进看板', roles: ['jiwei', 'dept', 'village', 'supervisor', 'inspector'] }
    ]
  },
  {
    name: 'edu',
    aliases: [],
    title: '家风与纪法教育',
    icon: 'Reading',
    items: [
      { path: '/edu/activities', title: '教育活动', roles: ['jiwei', 'dept', 'village', 'supervisor', 'inspector'] },
      { path: '/edu/cases', title: '警示教育案例库', roles: ['jiwei', 'dept', 'village', 'supervisor', 'inspector'] },
      { path: '/edu/families', title: '好家风家庭', roles: ['jiwei', 'dept', 'village', 'supervisor', 'inspector'] },
      { path: '/edu/village-rules', title: '村规民约', roles: ['jiwei', 'dept', 'village', 'supervisor', 'inspector'] }
    ]
  },
  {
    name: 'assess',
    aliases: [],
    title: '考核评比',
    icon: 'Trophy',
    items: [{ path: '/assess', title: '考核排名', roles: ['jiwei', 'dept', 'village', 'supervisor', 'inspector'] }]
  },
  {
    name: 'users',
    aliases: ['account', 'admin', 'system', 'user'],
    title: '系统管理',
    icon: 'Setting',
    // The user-management pages exist for admins even if the server's menu
    // names the module differently.
    roles: ['admin'],
    items: [
      { path: '/users', title: '用户管理' },
      { path: '/holidays', title: '节假日日历' }
    ]
  }
]

// serverModules: [{name, title}] ; role: the user's role. An item with `roles`
// is shown only to those roles (a page whose reads they hold).
export function buildMenu(serverModules, role) {
  const out = []
  for (const m of CONSOLE_MODULES) {
    const names = [m.name, ...m.aliases]
    const fromServer = serverModules.find((s) => names.includes(s.name))
    const byRole = m.roles && m.roles.includes(role)
    if (m.roles && !byRole) continue
    if (!fromServer && !byRole) continue
    const items = m.items.filter((it) => !it.roles || it.roles.includes(role))
    if (!items.length) continue
    out.push({ ...m, items, title: (fromServer && fromServer.title) || m.title })
  }
  return out
}
