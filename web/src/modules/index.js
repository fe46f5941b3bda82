// The console's pages by business module: the left menu shows a module only
// when the server lists it in GET /api/v1/menu (a module exists there) and this
// table has pages for it, so there are never empty or "coming soon" entries.
// Each module issue adds its entry here and its routes in router.js.
// It must not decide permissions: the server's menu and API do.

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
    name: 'users',
    aliases: ['account', 'admin', 'system', 'user'],
    title: '系统管理',
    icon: 'Setting',
    // The user-management pages exist for admins even if the server's menu
    // names the module differently.
    roles: ['admin'],
    items: [{ path: '/users', title: '用户管理' }]
  }
]

// serverModules: [{name, title}] ; role: the user's role.
export function buildMenu(serverModules, role) {
  const out = []
  for (const m of CONSOLE_MODULES) {
    const names = [m.name, ...m.aliases]
    const fromServer = serverModules.find((s) => names.includes(s.name))
    const byRole = m.roles && m.roles.includes(role)
    if (m.roles && !byRole) continue
    if (!fromServer && !byRole) continue
    out.push({ ...m, title: (fromServer && fromServer.title) || m.title })
  }
  return out
}
