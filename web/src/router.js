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
