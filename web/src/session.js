// The logged-in user, the CSRF token and the server's module list, shared by
// every page. It only talks to the server through api.js and decides nothing
// about data scope: the server enforces who may see what; this store only
// hides what the user could not use anyway.
import { reactive } from 'vue'
import { api, setCsrf } from './api.js'

export const session = reactive({
  loaded: false, // GET /session has been answered (either way)
  user: null, // {id, username, display_name, role, role_label, dept, all_villages, villages}
  modules: [], // [{name, title}] from GET /menu
  importable: null // [file names] from GET /imports: what this user may load (null = not asked yet)
})

function accept(data) {
  session.user = data.user || null
  setCsrf(data.csrf)
  session.loaded = true
}

export async function loadSession() {
  try {
    accept(await api.get('/session', undefined, { allow401: true }))
    await loadMenu()
  } catch (e) {
    session.user = null
    session.modules = []
    setCsrf('')
    session.loaded = true
    if (e.status !== 401) throw e
  }
  return session.user
}

export async function loadMenu() {
  const data = await api.get('/menu')
  session.modules = (data && data.modules) || []
}

export async function login(username, password) {
  accept(await api.post('/session', { username, password }, { allow401: true }))
  await loadMenu()
  return session.user
}

export async function logout() {
  try {
    await api.del('/session', { allow401: true })
  } finally {
    forget()
  }
}

// Drop what we know (after logout or when the server says 401).
export function forget() {
  session.user = null
  session.modules = []
  session.importable = null
  setCsrf('')
}

export function hasRole(...roles) {
  return !!session.user && roles.includes(session.user.role)
}

export function hasModule(name) {
  return session.modules.some((m) => m.name === name)
}

// The import files this user may load; the console also uses it as the hint
// whether to offer add/edit forms for the same records (the server decides).
export async function loadImportable() {
  if (session.importable) return session.importable
  try {
    const data = await api.get('/imports')
    session.importable = ((data && data.files) || []).map((f) => f.file)
  } catch {
    session.importable = []
  }
  return session.importable
}

export function canImport(file) {
  return !!session.importable && session.importable.includes(file)
}
