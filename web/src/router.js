// Routes of the console and the one guard in front of them: no session → the
// login page with ?redirect= back to where the user was. Pages are loaded
// lazily. The guard only steers the browser; the server decides access.
import { createRouter, createWebHistory } from 'vue-router'
import { session, loadSession } from './session.js'
import MainLayout from './MainLayout.vue'
import { safeRedirect } from './util.js'

const routes = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: '登录' } },
  {
    path: '/',
    component: MainLayout,
    children: [
      { path: '', name: 'home', component: () => import('./views/HomeView.vue'), meta: { title: '首页' } },
      { path: 'inbox', name: 'inbox', component: () => import('./views/InboxView.vue'), meta: { title: '我的待办' } },
      {
        path: 'villages',
        name: 'villages',
        component: () => import('./views/VillagesView.vue'),
        meta: { title: '村居列表', module: '组织与干部' }
      },
      {
        path: 'villages/:code',
        name: 'village',
        component: () => import('./views/VillageDetail.vue'),
        meta: { title: '村居详情', module: '组织与干部', parent: { title: '村居列表', to: '/villages' } }
      },
      {
        path: 'people/:id',
        name: 'person',
        component: () => import('./views/PersonDetail.vue'),
        meta: { title: '人员档案', module: '组织与干部', parent: { title: '村居列表', to: '/villages' } }
      },
      {
        path: 'archive-events',
        name: 'archive-events',
        component: () => import('./views/ArchiveEventsView.vue'),
        meta: { title: '廉政档案', module: '组织与干部' }
      },
      {
        path: 'power/items',
        name: 'power-items',
        component: () => import('./views/power/ItemsView.vue'),
        meta: { title: '小微权力清单', module: '权力清单与议事决策' }
      },
      {
        path: 'power/items/:id',
        name: 'power-item',
        component: () => import('./views/power/ItemDetail.vue'),
        meta: { title: '清单事项', module: '权力清单与议事决策', parent: { title: '小微权力清单', to: '/power/items' } }
      },
      {
        path: 'power/matters',
        name: 'power-matters',
        component: () => import('./views/power/MattersView.vue'),
        meta: { title: '事项办理', module: '权力清单与议事决策' }
      },
      {
        path: 'power/matters/:id',
        name: 'power-matter',
        component: () => import('./views/power/MatterDetail.vue'),
        meta: { title: '事项办理详情', module: '权力清单与议事决策', parent: { title: '事项办理', to: '/power/matters' } }
      },
      {
        path: 'power/inquiries',
        name: 'power-inquiries',
        component: () => import('./views/power/InquiriesView.vue'),
        meta: { title: '质询', module: '权力清单与议事决策' }
      },
      {
        path: 'power/inquiries/:id',
        name: 'power-inquiry',
        component: () => import('./views/power/InquiriesView.vue'),
        meta: { title: '质询详情', module: '权力清单与议事决策', parent: { title: '质询', to: '/power/inquiries' } }
      },
      {
        path: 'power/settings',
        name: 'power-settings',
        component: () => import('./views/power/SettingsView.vue'),
        meta: { title: '议事决策参数', module: '权力清单与议事决策' }
      },
      {
        path: 'books/vouchers',
        name: 'books-vouchers',
        component: () => import('./views/books/VouchersView.vue'),
        meta: { title: '凭证', module: '村集体账务' }
      },
      {
        path: 'books/vouchers/new',
        name: 'books-voucher-new',
        component: () => import('./views/books/VoucherEntry.vue'),
        meta: { title: '填制凭证', module: '村集体账务', parent: { title: '凭证', to: '/books/vouchers' }, roles: ['accountant', 'village'] }
      },
      {
        path: 'books/vouchers/:id',
        name: 'books-voucher',
        component: () => import('./views/books/VoucherDetail.vue'),
        meta: { title: '凭证详情', module: '村集体账务', parent: { title: '凭证', to: '/books/vouchers' } }
      },
      {
        path: 'books/vouchers/:id/edit',
        name: 'books-voucher-edit',
        component: () => import('./views/books/VoucherEntry.vue'),
        meta: { title: '修改凭证', module: '村集体账务', parent: { title: '凭证', to: '/books/vouchers' }, roles: ['accountant', 'village'] }
      },
      {
        path: 'books/inbox',
        name: 'books-inbox',
        component: () => import('./views/books/BooksInbox.vue'),
        meta: { title: '凭证审批', module: '村集体账务' }
      },
      {
        path: 'books/reports',
        name: 'books-reports',
        component: () => import('./views/books/ReportsView.vue'),
        meta: { title: '账务报表', module: '村集体账务' }
      },
      {
        path: 'books/accounts',
        name: 'books-accounts',
        component: () => import('./views/books/AccountsView.vue'),
        meta: { title: '科目与结账', module: '村集体账务' }
      },
      {
        path: 'complaints',
        name: 'complaints',
        component: () => import('./views/supervision/ComplaintsView.vue'),
        meta: { title: '信访件', module: '信访举报' }
      },
      {
        path: 'complaints/:id',
        name: 'complaint',
        component: () => import('./views/supervision/ComplaintDetail.vue'),
        meta: { title: '信访件详情', module: '信访举报', parent: { title: '信访件', to: '/complaints' } }
      },
      {
        path: 'rectify/board',
        name: 'rectify-board',
        component: () => import('./views/supervision/RectifyBoard.vue'),
        meta: { title: '见底清零台账', module: '整改' }
      },
      {
        path: 'rectify',
        name: 'rectify',
        component: () => import('./views/supervision/RectifyView.vue'),
        meta: { title: '整改清单', module: '整改' }
      },
      {
        path: 'rectify/:id',
        name: 'rectification',
        component: () => import('./views/supervision/RectifyDetail.vue'),
        meta: { title: '整改问题', module: '整改', parent: { title: '整改清单', to: '/rectify' } }
      },
      {
        path: 'audits',
        name: 'audits',
        component: () => import('./views/supervision/AuditsView.vue'),
        meta: { title: '审计项目', module: '审计' }
      },
      {
        path: 'audits/:id',
        name: 'audit',
        component: () => import('./views/supervision/AuditDetail.vue'),
        meta: { title: '审计详情', module: '审计', parent: { title: '审计项目', to: '/audits' } }
      },
      {
        path: 'discipline',
        name: 'discipline',
        component: () => import('./views/supervision/DisciplineView.vue'),
        meta: { title: '四种形态案件', module: '四种形态', roles: ['jiwei'] }
      },
      {
        path: 'holidays',
        name: 'holidays',
        component: () => import('./views/power/HolidaysView.vue'),
        meta: { title: '节假日日历', module: '系统管理', roles: ['admin'] }
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('./views/UsersView.vue'),
        meta: { title: '用户管理', module: '系统管理', roles: ['admin'] }
      },
      { path: ':pathMatch(.*)*', name: 'notfound', component: () => import('./views/NotFound.vue'), meta: { title: '页面不存在' } }
    ]
  }
]

const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior: () => ({ top: 0 })
})

router.beforeEach(async (to) => {
  if (!session.loaded) {
    try {
      await loadSession()
    } catch {
      /* server unreachable: treat as logged out, the login page says why */
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && session.user) return safeRedirect(to.query.redirect)
    return true
  }
  if (!session.user) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  if (to.meta.roles && !to.meta.roles.includes(session.user.role)) return { name: 'home' }
  return true
})

router.afterEach((to) => {
  document.title = (to.meta.title ? to.meta.title + ' - ' : '') + '清廉村居监督平台'
})

export default router
