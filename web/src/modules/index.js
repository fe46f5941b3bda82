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
