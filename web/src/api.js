// The console's only door to the server: JSON over fetch with the session cookie,
// the CSRF header on every write, and the server's JSON errors turned into
// ApiError exceptions (code, message, field, report). A 401 anywhere means the
// session is gone: the registered handler sends the user to the login page.
// This file must not know about pages or components, and must never build HTML.

export const API_BASE = '/api/v1'

let csrfToken = ''
let unauthorizedHandler = null

export function setCsrf(token) {
  csrfToken = token || ''
}

export function getCsrf() {
  return csrfToken
}

// fn() is called on any 401 except those the caller asked to see (allow401).
export function onUnauthorized(fn) {
  unauthorizedHandler = fn
}

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {}
    super(e.message || statusMessage(status))
    this.name = 'ApiError'
    this.status = status
    this.code = e.code || 'http.' + status
    this.field = e.field || ''
    this.report = Array.isArray(e.report) ? e.report : []
  }
}

function statusMessage(status) {
  if (status === 0) return '无法连接服务器，请检查网络后重试'
  if (status === 401) return '登录已过期，请重新登录'
  if (status === 403) return '没有权限访问该内容'
  if (status === 404) return '请求的内容不存在'
  if (status === 413) return '上传的文件过大'
  if (status === 429) return '操作过于频繁，请稍后再试'
  if (status >= 500) return `服务器内部错误（HTTP ${status}），请稍后再试`
  return `请求失败（HTTP ${status}）`
}

// Query string from an object; empty values are left out.
export function queryString(params) {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue
    q.append(k, String(v))
  }
  const s = q.toString()
  return s ? '?' + s : ''
}

export function apiUrl(path, params) {
  return API_BASE + path + queryString(params)
}

function isWrite(method) {
  return method !== 'GET' && method !== 'HEAD'
}

async function parseBody(res) {
  const type = res.headers.get('Content-Type') || ''
  if (res.status === 204) return null
  if (type.includes('application/json')) {
    try {
      return await res.json()
    } catch {
      return null
    }
  }
  return null
}

function handle401(status, allow401) {
  if (status === 401 && !allow401 && unauthorizedHandler) unauthorizedHandler()
}

// request('GET', '/villages', { query: {q: '甲'} }) → parsed JSON, or throws ApiError.
export async function request(method, path, opts = {}) {
  const headers = { Accept: 'application/json' }
  let body
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (isWrite(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let res
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store'
    })
  } catch {
    throw new ApiError(0, null)
  }
  const data = await parseBody(res)
  if (!res.ok) {
    handle401(res.status, opts.allow401)
    throw new ApiError(res.status, data)
  }
  return data
}

export const api = {
  get: (path, query, opts = {}) => request('GET', path, { ...opts, query }),
  post: (path, body, opts = {}) => request('POST', path, { ...opts, body }),
  put: (path, body, opts = {}) => request('PUT', path, { ...opts, body }),
  del: (path, opts = {}) => request('DELETE', path, opts)
}

function filenameFrom(res, fallback) {
  const cd = res.headers.get('Content-Disposition') || ''
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)
  if (star) {
    try {
      return decodeURIComponent(star[1])
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(cd)
  return plain ? plain[1] : fallback
}

// Fetch a file (e.g. an .xlsx export) and hand it to the browser as a download,
// under the server's file name, else fallbackName; opts.name overrides both
// (for routes whose Content-Disposition does not carry the real name).
export async function download(path, params, fallbackName, opts = {}) {
  let res
  try {
    res = await fetch(apiUrl(path, params), { credentials: 'same-origin', cache: 'no-store' })
  } catch {
    throw new ApiError(0, null)
  }
  if (!res.ok) {
    const data = await parseBody(res)
    handle401(res.status, false)
    throw new ApiError(res.status, data)
  }
  const type = res.headers.get('Content-Type') || ''
  if (type.includes('application/json') || type.includes('text/html')) {
    throw new ApiError(415, { error: { message: '服务器没有返回文件，导出失败' } })
  }
  const blob = await res.blob()
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = opts.name || filenameFrom(res, fallbackName)
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60000)
  return a.download
}

// Upload a File as the raw request body (XMLHttpRequest, for upload progress).
// onProgress(percent) is called while the bytes go out. Resolves to the JSON
// answer; rejects with ApiError (422 import errors carry .report).
export function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', API_BASE + path)
    xhr.withCredentials = true
    xhr.responseType = 'text'
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    xhr.setRequestHeader('Accept', 'application/json')
    // Header values must be ISO-8859-1: a Chinese file name goes percent-encoded.
    xhr.setRequestHeader('X-Filename', encodeURIComponent(file.name))
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable && onProgress) onProgress(Math.round((ev.loaded * 100) / ev.total))
    }
    xhr.onerror = () => reject(new ApiError(0, null))
    xhr.onload = () => {
      let data = null
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        data = null
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        if (onProgress) onProgress(100)
        resolve(data)
        return
      }
      handle401(xhr.status, false)
      reject(new ApiError(xhr.status, data))
    }
    xhr.send(file)
  })
}
