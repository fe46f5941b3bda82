// Browser-test harness: builds a throw-away township with the real `qinglian`
// binary (gen + import into a temporary SQLite file), adds users, starts
// `qinglian serve` on a free loopback port with the built console (web/dist),
// and drives Debian's chromium through playwright-core. It must not touch any
// database but its own temporary one, nor any address but 127.0.0.1.
import { spawn, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import zlib from 'node:zlib'

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const QL_BIN = process.env.QL_BIN || path.join(REPO, 'build/qinglian')
export const WEB_ROOT = path.join(REPO, 'web/dist')
export const OUT = path.join(REPO, 'tests/out/browser')
export const PASSWORD = 'Browser-test-2026'

// playwright-core lives in web/node_modules (a devDependency of the console).
const require = createRequire(path.join(REPO, 'web/package.json'))
const { chromium } = require('playwright-core')

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
]

function run(tmp, args, input) {
  try {
    return execFileSync(QL_BIN, ['--db', path.join(tmp, 't.db'), ...args], {
      input: input === undefined ? '' : input,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 60000,
      encoding: 'utf8'
    })
  } catch (e) {
    throw new Error(`qinglian ${args.join(' ')} failed (${e.status}): ${e.stderr || e.message}`)
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// Minimal RFC 4180 reader for the generator's CSV files.
export function parseCsv(text) {
  text = text.replace(/^\uFEFF/, '')
  const rows = []
  let row = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell !== '' || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows.filter((r) => r.some((c) => c !== ''))
}

// Header names of domain/formats.md: Chinese → English.
const ZH = {
  区划代码: 'code',
  名称: 'name',
  类型: 'kind',
  乡镇: 'township',
  户数: 'households',
  人口: 'population',
  身份证号: 'id_no',
  姓名: 'name',
  户号: 'household_no',
  职务: 'post',
  任职日期: 'start_date',
  离任日期: 'end_date',
  日期: 'date',
  备注: 'note'
}

// Rows of a generated file as objects keyed by English column names.
export function readGen(dir, file) {
  const f = path.join(dir, file)
  if (!fs.existsSync(f)) return []
  const [head, ...rows] = parseCsv(fs.readFileSync(f, 'utf8'))
  let keys = head.map((h) => ZH[h.trim()] || h.trim())
  if (file !== 'villages.csv') keys = keys.map((k, i) => (ZH[head[i].trim()] === 'code' || k === 'code' ? 'village_code' : k))
  return rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? ''])))
}

// GB 11643 check character for 17 digits.
export function idCheck(base17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...base17].reduce((s, d, i) => s + Number(d) * w[i], 0)
  return base17 + '10X98765432'[sum % 11]
}

// Start a server on a fresh generated township. users: [{name, role, village?,
// dept?, password?}], or a function of the generator's output directory returning them
// (so a user can be tied to a generated village). opts.omit: generated files not to
// import (a test that walks a module's workflow from an empty slate).
export async function startServer(users, opts = {}) {
  if (!fs.existsSync(QL_BIN)) throw new Error(`没有找到 qinglian 可执行文件：${QL_BIN}（设置 QL_BIN 或先构建）`)
  if (!fs.existsSync(path.join(WEB_ROOT, 'index.html'))) throw new Error(`没有找到 ${WEB_ROOT}/index.html：先在 web/ 运行 npm run build`)
  fs.mkdirSync(OUT, { recursive: true })
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-browser-'))
  const gen = path.join(tmp, 'gen')
  run(tmp, ['gen', '--villages', '3', '--years', '2', '--seed', '7', gen])
  for (const f of opts.omit || []) fs.rmSync(path.join(gen, f), { force: true })
  run(tmp, ['import', gen])
  for (const u of typeof users === 'function' ? users(gen) : users) {
    const args = ['user', 'add', u.name, '--role', u.role]
    if (u.village) args.push('--village', u.village)
    if (u.dept) args.push('--dept', u.dept)
    args.push('--password-stdin')
    run(tmp, args, (u.password || PASSWORD) + '\n')
  }
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const logPath = path.join(tmp, 'serve.log')
  const log = fs.openSync(logPath, 'a')
  const proc = spawn(
    QL_BIN,
    ['--db', path.join(tmp, 't.db'), 'serve', '--listen', `127.0.0.1:${port}`, '--web-root', WEB_ROOT],
    { stdio: ['ignore', log, log] }
  )
  let exited = null
  proc.on('exit', (code, sig) => {
    exited = { code, sig }
  })
  const deadline = Date.now() + 20000
  for (;;) {
    if (exited) throw new Error(`qinglian serve exited (${exited.code ?? exited.sig}): ${fs.readFileSync(logPath, 'utf8')}`)
    try {
      const r = await fetch(base + '/healthz')
      if (r.ok) break
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL')
      throw new Error(`qinglian serve did not answer /healthz in 20 s: ${fs.readFileSync(logPath, 'utf8')}`)
    }
    await sleep(100)
  }
  return {
    base,
    tmp,
    gen,
    logPath,
    run: (args, input) => run(tmp, args, input),
    async stop() {
      if (!exited) {
        proc.kill('SIGTERM')
        for (let i = 0; i < 50 && !exited; i++) await sleep(100)
        if (!exited) proc.kill('SIGKILL')
      }
      fs.closeSync(log)
      if (!process.env.QL_KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true })
    }
  }
}

// A fresh browser profile (its own --user-data-dir); options go to the context
// (e.g. { javaScriptEnabled: false, viewport: { width: 360, height: 740 } }).
export async function launch(options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.QL_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 860 },
    acceptDownloads: true,
    ...options
  })
  context.setDefaultTimeout(10000)
  return {
    context,
    async close() {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    }
  }
}

export function shot(page, name, opts = {}) {
  return page.screenshot({ path: path.join(OUT, name), fullPage: true, ...opts })
}

// Log in through the API (for setting up data): cookie and CSRF token.
export async function apiLogin(base, username, password = PASSWORD) {
  const r = await fetch(base + '/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password })
  })
  if (!r.ok) throw new Error(`login ${username}: HTTP ${r.status} ${await r.text()}`)
  const cookie = (r.headers.get('set-cookie') || '').split(';')[0]
  const data = await r.json()
  const call = async (method, p, body) => {
    const res = await fetch(base + '/api/v1' + p, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': data.csrf, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    const text = await res.text()
    let json = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = null
    }
    return { status: res.status, json, text }
  }
  return { cookie, csrf: data.csrf, user: data.user, call }
}

// The text of one member of a zip file (an .xlsx), read through the central
// directory; '' for a missing member when optional.
export function zipEntryText(buf, name, optional = false) {
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error('not a zip file')
  const count = buf.readUInt16LE(eocd + 10)
  let p = buf.readUInt32LE(eocd + 16)
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory')
    const method = buf.readUInt16LE(p + 10)
    const csize = buf.readUInt32LE(p + 20)
    const nlen = buf.readUInt16LE(p + 28)
    const elen = buf.readUInt16LE(p + 30)
    const clen = buf.readUInt16LE(p + 32)
    const local = buf.readUInt32LE(p + 42)
    const entry = buf.toString('utf8', p + 46, p + 46 + nlen)
    if (entry === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
      const data = buf.subarray(start, start + csize)
      return (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8')
    }
    p += 46 + nlen + elen + clen
  }
  if (optional) return ''
  throw new Error(`${name} not in zip`)
}
