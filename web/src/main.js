// Entry of the staff console: Vue app, Element Plus in Simplified Chinese,
// the router, and the one reaction to an expired session (back to login with
// ?redirect= to the page the user was on). No business logic here.
import { createApp } from 'vue'
import ElementPlus, { ElMessage } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import App from './App.vue'
import router from './router.js'
import { onUnauthorized } from './api.js'
import { forget } from './session.js'
import './style.css'

let expiring = false
onUnauthorized(() => {
  const cur = router.currentRoute.value
  forget()
  if (cur.name === 'login' || expiring) return
  expiring = true
  ElMessage.warning('登录已过期，请重新登录')
  router.push({ name: 'login', query: { redirect: cur.fullPath } }).finally(() => {
    expiring = false
  })
})

const app = createApp(App)
app.use(ElementPlus, { locale: zhCn })
app.use(router)
app.mount('#app')
