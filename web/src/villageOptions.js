// The villages the user may see, for the village pickers of list filters and
// forms (GET /api/v1/villages, scoped by the server), fetched once per logged-in
// user. It decides nothing: a village missing here is simply not offered.
import { ref } from 'vue'
import { api } from './api.js'
import { session } from './session.js'

export const villageOptions = ref([]) // [{code, name}]
let pending = null
let forUser = null

export function loadVillageOptions() {
  const uid = session.user ? session.user.id : null
  if (!pending || forUser !== uid) {
    forUser = uid
    pending = api
      .get('/villages', { per_page: 500, sort: 'code' })
      .then((d) => {
        villageOptions.value = ((d && d.items) || []).map((v) => ({ code: v.code, name: v.name }))
        return villageOptions.value
      })
      .catch(() => {
        pending = null
        villageOptions.value = []
        return []
      })
  }
  return pending
}

export function villageName(code) {
  const v = villageOptions.value.find((x) => x.code === code)
  return v ? v.name : code || ''
}
