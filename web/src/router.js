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
        path: 'disclosures',
        name: 'disclosures',
        component: () => import('./views/disclose/DisclosuresView.vue'),
        meta: { title: '公开事项', module: '三务公开' }
      },
      {
        path: 'disclosures/:id',
        name: 'disclosure',
        component: () => import('./views/disclose/DisclosureDetail.vue'),
        meta: { title: '公开详情', module: '三务公开', parent: { title: '公开事项', to: '/disclosures' } }
      },
      {
        path: 'disclosure-objections',
        name: 'disclosure-objections',
        component: () => import('./views/disclose/ObjectionsView.vue'),
        meta: { title: '村民异议', module: '三务公开' }
      },
      {
        path: 'disclosure-board',
        name: 'disclosure-board',
        component: () => import('./views/disclose/BoardView.vue'),
        meta: { title: '公开合规看板', module: '三务公开' }
      },
      {
        path: 'disclosure-catalogue',
        name: 'disclosure-catalogue',
        component: () => import('./views/disclose/CatalogueView.vue'),
        meta: { title: '公开目录', module: '三务公开' }
      },
      {
        path: 'subsidies',
        name: 'subsidies',
        component: () => import('./views/disclose/SubsidyView.vue'),
        meta: { title: '惠民资金', module: '惠民资金' }
      },
      {
        path: 'draws',
        name: 'draws',
        component: () => import('./views/disclose/DrawsView.vue'),
        meta: { title: '双随机一公开', module: '双随机一公开' }
      },
      {
        path: 'assess',
        name: 'assess',
        component: () => import('./views/assess/AssessView.vue'),
        meta: { title: '考核排名', module: '考核评比' }
      },
      {
        path: 'assess/:year/:code',
        name: 'assess-village',
        component: () => import('./views/assess/AssessVillage.vue'),
        meta: { title: '村（居）考核得分', module: '考核评比', parent: { title: '考核排名', to: '/assess' } }
      },
      {
        path: 'plan/tasks',
        name: 'plan-tasks',
        component: () => import('./views/plan/PlanTasksView.vue'),
        meta: { title: '年度任务', module: '任务清单' }
      },
      {
        path: 'plan/tasks/:id',
        name: 'plan-task',
        component: () => import('./views/plan/PlanTaskDetail.vue'),
        meta: { title: '任务详情', module: '任务清单', parent: { title: '年度任务', to: '/plan/tasks' } }
      },
      {
        path: 'plan/board',
        name: 'plan-board',
        component: () => import('./views/plan/PlanBoard.vue'),
        meta: { title: '推进看板', module: '任务清单' }
      },
      {
        path: 'edu/activities',
        name: 'edu-activities',
        component: () => import('./views/edu/ActivitiesView.vue'),
        meta: { title: '教育活动', module: '家风与纪法教育' }
      },
      {
        path: 'edu/cases',
        name: 'edu-cases',
        component: () => import('./views/edu/CasesView.vue'),
        meta: { title: '警示教育案例库', module: '家风与纪法教育' }
      },
      {
        path: 'edu/families',
        name: 'edu-families',
        component: () => import('./views/edu/FamiliesView.vue'),
        meta: { title: '好家风家庭', module: '家风与纪法教育' }
      },
      {
        path: 'edu/village-rules',
        name: 'edu-village-rules',
        component: () => import('./views/edu/VillageRulesView.vue'),
        meta: { title: '村规民约', module: '家风与纪法教育' }
      },
      {
        path: 'assets',
        name: 'assets',
        component: () => import('./views/assets/AssetsView.vue'),
        meta: { title: '资产资源与合同', module: '资产资源与合同' }
      },
      {
        path: 'trades',
        name: 'trades',
        component: () => import('./views/assets/TradesView.vue'),
        meta: { title: '产权交易与小型项目', module: '产权交易与小型项目' }
      },
      {
        path: 'assets/contracts/:id',
        name: 'contract',
        component: () => import('./views/assets/ContractDetail.vue'),
        meta: { title: '合同详情', module: '资产资源与合同', parent: { title: '资产资源与合同', to: '/assets' } }
      },
      {
        path: 'trades/listings/:id',
        name: 'trade-listing',
        component: () => import('./views/assets/TradeDetail.vue'),
        meta: { title: '产权交易详情', module: '产权交易与小型项目', parent: { title: '产权交易与小型项目', to: '/trades' } }
      },
      {
        path: 'trades/projects/:id',
        name: 'project',
        component: () => import('./views/assets/ProjectDetail.vue'),
        meta: { title: '小型项目', module: '产权交易与小型项目', parent: { title: '产权交易与小型项目', to: '/trades' } }
      },
      {
        path: 'alerts',
        name: 'alerts',
        component: () => import('./views/rules/AlertsView.vue'),
        meta: { title: '监督预警', module: '大数据监督预警' }
      },
      {
        path: 'alerts/:id(\\d+)',
        name: 'alert',
        component: () => import('./views/rules/AlertDetail.vue'),
        meta: { title: '预警详情', module: '大数据监督预警', parent: { title: '监督预警', to: '/alerts' } }
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
