// The staff console and the public portal in a real browser (Debian chromium)
// against a real `qinglian serve` on a generated township: login, villages,
// a cadre's archive, imports with and without errors, village scope, session
// expiry, logout, user management, XSS as text, the portal without JavaScript.
// Screenshots go to tests/out/browser/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { startServer, launch, shot, apiLogin, readGen, idCheck, zipEntryText, OUT, PASSWORD } from './harness.mjs'

const XSS = '<script>alert(1)</script>'
const CJK = /[\u4e00-\u9fff]/

let srv // the running server
let br // the browser context
let page // the one console tab
let villages // [{code,name,...}] from the generator
let v1 // the first village (the village user's own)
let v2 // another village
let cadreUrl // the person page of the cadre opened in the archive test

before(async () => {
  // The village user belongs to the first generated village.
  srv = await startServer((gen) => {
    villages = readGen(gen, 'villages.csv')
    assert.ok(villages.length >= 3, 'gen made at least 3 villages')
    v1 = villages[0]
    v2 = villages[1]
    return [
      { name: 'jiwei1', role: 'jiwei' },
      { name: 'cun1', role: 'village', village: v1.code },
      { name: 'admin1', role: 'admin' }
    ]
  })
  br = await launch()
  page = await br.context.newPage()
})

after(async () => {
  if (br) await br.close()
  if (srv) await srv.stop()
})

async function login(username, password = PASSWORD) {
  if (!page.url().includes('/login')) await page.goto(srv.base + '/login')
  await page.getByPlaceholder('用户名').fill(username)
  await page.getByPlaceholder('密码').fill(password)
  await page.locator('button[type=submit]').click()
}

async function logout() {
  await page.locator('.user-menu').click()
  await page.getByRole('menuitem', { name: '退出登录' }).click()
  await page.waitForURL(/\/login/)
}

const rows = () => page.locator('.data-table .el-table__body tr.el-table__row')

function csvFile(name, lines) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n') + '\r\n', 'utf8') }
}

async function openImport() {
  await page.getByRole('button', { name: '导入', exact: true }).click()
  const dlg = page.locator('.import-dialog')
  await dlg.waitFor({ state: 'visible' })
  return dlg
}

test('login: wrong password shows the server message, then the dashboard', async () => {
  await page.goto(srv.base + '/villages')
  await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/villages')
  await login('jiwei1', 'wrong-password')
  // The server's message, at the field it names or above the form.
  const err = page.locator('.login-error, .el-form-item__error')
  await err.first().waitFor()
  const msg = (await err.first().innerText()).trim()
  assert.match(msg, CJK, `Chinese error message, got ${msg}`)
  await login('jiwei1')
  await page.waitForURL(srv.base + '/villages')
  await page.goto(srv.base + '/')
  await page.getByText('在任村干部').waitFor()
  await page.locator('.chart-box canvas').first().waitFor()
  await page.waitForTimeout(1200) // let the charts' entry animation finish for the screenshot
  await shot(page, 'dashboard.png')
})

test('villages: table, search, export', async () => {
  await page.locator('.el-menu-item', { hasText: '村居列表' }).click()
  await page.waitForURL(srv.base + '/villages')
  await rows().first().waitFor()
  assert.equal(await rows().count(), villages.length)
  for (const v of villages) await page.locator('.el-table__body').getByText(v.name, { exact: true }).waitFor()
  await shot(page, 'villages.png')

  // Server-side sorting: 人口 ascending, then descending.
  const pops = villages.map((v) => Number(v.population)).sort((x, y) => x - y)
  const firstPop = () => page.locator('.data-table .el-table__body tr.el-table__row').first().locator('td').nth(5).innerText()
  await page.locator('.data-table .el-table__header th', { hasText: '人口' }).click()
  await page.waitForFunction(
    (want) => document.querySelector('.data-table .el-table__body tr.el-table__row td:nth-child(6)')?.innerText.trim() === want,
    String(pops[0])
  )
  await page.locator('.data-table .el-table__header th', { hasText: '人口' }).click()
  await page.waitForFunction(
    (want) => document.querySelector('.data-table .el-table__body tr.el-table__row td:nth-child(6)')?.innerText.trim() === want,
    String(pops[pops.length - 1])
  )
  assert.equal((await firstPop()).trim(), String(pops[pops.length - 1]))

  await page.getByPlaceholder('区划代码或名称').fill(v2.name)
  await page.getByRole('button', { name: '查询' }).click()
  await page.waitForFunction(() => document.querySelectorAll('.data-table .el-table__body tr.el-table__row').length === 1)
  assert.match(await rows().first().innerText(), new RegExp(v2.code))

  await page.getByPlaceholder('区划代码或名称').fill('')
  await page.getByRole('button', { name: '查询' }).click()
  await page.waitForFunction((n) => document.querySelectorAll('.data-table .el-table__body tr.el-table__row').length === n, villages.length)
})

test('villages: 导出 Excel downloads an .xlsx of the filtered rows', async () => {
  await page.goto(srv.base + '/villages')
  await rows().first().waitFor()
  // Either the browser gets a file, or the console shows why not (fail with that message).
  const failed = page
    .locator('.el-message--error')
    .waitFor({ timeout: 15000 })
    .then(async () => {
      throw new Error('export failed: ' + (await page.locator('.el-message--error').first().innerText()))
    })
  const downloaded = page.waitForEvent('download', { timeout: 15000 })
  await page.getByRole('button', { name: '导出 Excel' }).click()
  const dl = await Promise.race([downloaded, failed])
  failed.catch(() => {})
  const file = path.join(OUT, 'villages-export.xlsx')
  await dl.saveAs(file)
  const buf = fs.readFileSync(file)
  assert.equal(buf.subarray(0, 2).toString('latin1'), 'PK', 'the export is an .xlsx (zip) file')
  assert.match(dl.suggestedFilename(), /\.xlsx$/)
  const xml = zipEntryText(buf, 'xl/worksheets/sheet1.xml') + zipEntryText(buf, 'xl/sharedStrings.xml', true)
  for (const want of ['区划代码', '在任干部', ...villages.map((v) => v.name)]) assert.ok(xml.includes(want), `export holds ${want}`)
})

test('village detail and a cadre integrity archive', async () => {
  const people = readGen(srv.gen, 'people.csv').filter((p) => p.village_code === v1.code)
  const posts = readGen(srv.gen, 'positions.csv').filter((p) => p.village_code === v1.code)
  const events = readGen(srv.gen, 'archive_events.csv').filter((e) => e.village_code === v1.code)
  const nameCount = {}
  for (const p of people) nameCount[p.name] = (nameCount[p.name] || 0) + 1
  const cadreIds = new Set(posts.map((p) => p.id_no))
  const byId = {}
  for (const e of events) if (cadreIds.has(e.id_no)) byId[e.id_no] = (byId[e.id_no] || 0) + 1
  const cadre = people
    .filter((p) => byId[p.id_no] && nameCount[p.name] === 1)
    .sort((a, b) => byId[b.id_no] - byId[a.id_no])[0]
  assert.ok(cadre, 'the generator gave village 1 a cadre with archive events')

  await page.goto(srv.base + '/villages')
  await page.locator('.el-table__body a', { hasText: v1.name }).click()
  await page.waitForURL(srv.base + '/villages/' + v1.code)
  await page.locator('.village-name', { hasText: v1.name }).waitFor()
  await page.locator('.el-breadcrumb', { hasText: v1.name }).waitFor()
  await rows().first().waitFor()
  await page.getByRole('tab', { name: '近亲属申报' }).waitFor()

  await page.getByRole('tab', { name: '干部任职' }).click()
  await page.locator('#pane-positions .el-table__body a', { hasText: cadre.name }).first().click()
  await page.waitForURL(/\/people\/\d+$/)
  await page.locator('.person-name', { hasText: cadre.name }).waitFor()
  await page.getByText(cadre.id_no, { exact: true }).waitFor()
  const items = page.locator('.archive-timeline .el-timeline-item')
  await items.first().waitFor()
  assert.equal(await items.count(), byId[cadre.id_no], 'one timeline item per archive event')
  const kinds = new Set(events.filter((e) => e.id_no === cadre.id_no).map((e) => e.kind))
  for (const k of kinds) assert.ok((await page.locator('.archive-timeline .kind-tag', { hasText: k }).count()) > 0, k)
  await page.getByText('变更记录', { exact: true }).waitFor()
  await shot(page, 'cadre-archive.png')
  cadreUrl = page.url()
})

test('forms: the server message shows at its field; an archive event is registered', async () => {
  await page.goto(`${srv.base}/villages/${v1.code}`)
  await page.getByRole('button', { name: '新增人员' }).click()
  const d = page.locator('.el-dialog', { hasText: '新增人员' })
  const good = idCheck('11010119900307' + '456')
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0')
  await d.getByLabel('身份证号').fill(bad)
  await d.getByLabel('姓名').fill('校验测试')
  await d.getByRole('button', { name: '保存' }).click()
  const fieldError = d.locator('.el-form-item', { hasText: '身份证号' }).locator('.el-form-item__error')
  await fieldError.waitFor()
  assert.match(await fieldError.innerText(), CJK)
  await d.getByRole('button', { name: '取消' }).click()

  await page.goto(cadreUrl)
  const items = page.locator('.archive-timeline .el-timeline-item')
  await items.first().waitFor()
  const before = await items.count()
  await page.getByRole('button', { name: '登记档案' }).click()
  const ed = page.locator('.el-dialog', { hasText: '登记廉洁档案' })
  await ed.getByLabel('备注').fill('浏览器测试登记')
  await ed.getByRole('button', { name: '保存' }).click()
  await ed.waitFor({ state: 'hidden' })
  await page.locator('.archive-timeline', { hasText: '浏览器测试登记' }).waitFor()
  assert.equal(await items.count(), before + 1)
})

test('import: a file with errors shows the line-numbered report and loads nothing', async () => {
  await page.goto(srv.base + '/villages')
  await rows().first().waitFor()
  const dlg = await openImport()
  await dlg.locator('input[type=file]').setInputFiles(
    csvFile('villages.csv', [
      'code,name,kind,township,households,population',
      '320581998801,测试甲村,村,青莲镇,10,30',
      '12345,测试乙村,村,青莲镇,10,30',
      '320581998803,测试丙村,镇,青莲镇,10,30'
    ])
  )
  await dlg.getByRole('button', { name: '开始导入' }).click()
  const report = dlg.locator('.import-errors')
  await report.waitFor()
  const title = (await report.locator('.el-alert__title').innerText()).trim()
  assert.match(title, CJK)
  const lines = await report.locator('.el-table__body tr td:first-child').allInnerTexts()
  assert.ok(lines.map((s) => s.trim()).includes('3'), `line 3 reported, got ${lines}`)
  assert.ok(lines.map((s) => s.trim()).includes('4'), `line 4 reported, got ${lines}`)
  await shot(page, 'import-error.png')
  await dlg.getByRole('button', { name: '取消' }).click()
  await page.getByRole('button', { name: '刷新' }).click()
  await page.waitForTimeout(300)
  assert.equal(await rows().count(), villages.length, 'nothing of the bad file was loaded')
  assert.equal(await page.getByText('测试甲村').count(), 0)
})

test('import: a good file loads and its rows appear', async () => {
  const dlg = await openImport()
  await dlg.locator('input[type=file]').setInputFiles(
    csvFile('villages.csv', [
      '区划代码,名称,类型,乡镇,户数,人口',
      '320581998801,测试甲村,村,青莲镇,10,30',
      '320581998802,测试社区,居,青莲镇,20,50'
    ])
  )
  await dlg.getByRole('button', { name: '开始导入' }).click()
  const result = dlg.locator('.import-result')
  await result.waitFor()
  assert.match(await result.locator('.el-descriptions').innerText(), /新增\s*2/)
  await shot(page, 'import-ok.png')
  await dlg.getByRole('button', { name: '关闭', exact: true }).click()
  await page.locator('.el-table__body').getByText('测试甲村', { exact: true }).waitFor()
  await page.locator('.el-table__body').getByText('测试社区', { exact: true }).waitFor()
  assert.equal(await rows().count(), villages.length + 2)
})

test('XSS: a name like <script> is shown as text in the console and the portal', async () => {
  const api = await apiLogin(srv.base, 'jiwei1')
  const idNo = idCheck('11010119900307' + '123')
  const made = await api.call('POST', '/people', {
    village_code: v1.code,
    id_no: idNo,
    name: XSS,
    household_no: 'XSS-1',
    party_member: false,
    phone: '13800001234'
  })
  assert.ok(made.status < 300, `POST /people: ${made.status} ${made.text}`)
  let id = made.json && ((made.json.person && made.json.person.id) || made.json.id)
  if (!id) {
    const found = await api.call('GET', `/villages/${v1.code}/people?q=${encodeURIComponent(idNo)}`)
    id = found.json.items[0].id
  }
  const pos = await api.call('POST', '/positions', { village_code: v1.code, id_no: idNo, post: '委员', start_date: '2026-01-05' })
  assert.ok(pos.status < 300, `POST /positions: ${pos.status} ${pos.text}`)

  let dialogs = 0
  page.on('dialog', (d) => {
    dialogs++
    d.dismiss().catch(() => {})
  })
  await page.goto(`${srv.base}/people/${id}`)
  await page.locator('.person-name').waitFor()
  assert.equal(await page.locator('.person-name').innerText(), XSS)
  await page.locator('.el-breadcrumb', { hasText: XSS }).waitFor()
  await shot(page, 'xss-console.png')

  await page.goto(`${srv.base}/p/${v1.code}`)
  await page.waitForLoadState('load')
  assert.ok((await page.locator('body').innerText()).includes(XSS), 'portal shows the name as text')
  await shot(page, 'xss-portal.png')
  assert.equal(dialogs, 0, 'no script from data ran')
})

test('session expiry: back to login, then to the page the user was on', async () => {
  await page.goto(`${srv.base}/villages/${v1.code}`)
  await page.locator('.village-name').waitFor()
  await br.context.clearCookies()
  await page.getByRole('tab', { name: '户籍' }).click()
  await page.waitForURL(/\/login\?redirect=/)
  assert.match(new URL(page.url()).searchParams.get('redirect'), new RegExp(`^/villages/${v1.code}`))
  await login('jiwei1')
  await page.waitForURL(new RegExp(`/villages/${v1.code}`))
  await page.locator('.village-name', { hasText: v1.name }).waitFor()
})

test('log out', async () => {
  await logout()
  const r = await page.evaluate(() => fetch('/api/v1/session').then((x) => x.status))
  assert.equal(r, 401)
  await page.goto(srv.base + '/villages')
  await page.waitForURL(/\/login\?redirect=/)
})

test('a village user sees only its own village', async () => {
  await login('cun1')
  await page.waitForURL(srv.base + '/villages')
  await rows().first().waitFor()
  assert.equal(await rows().count(), 1)
  assert.match(await rows().first().innerText(), new RegExp(v1.name))
  await shot(page, 'village-user.png')

  await page.goto(`${srv.base}/villages/${v2.code}`)
  await page.getByText('无法查看该村居').waitFor()
  assert.equal(await page.locator('.village-name').count(), 0)
  assert.equal(await page.getByText(v2.name).count(), 0, 'no name of the other village on the page')
  const st = await page.evaluate((c) => fetch(`/api/v1/villages/${c}/people`).then((x) => x.status), v2.code)
  assert.ok(st === 403 || st === 404, `other village's people: HTTP ${st}`)

  await page.goto(`${srv.base}/villages/${v1.code}`)
  await page.locator('.village-name', { hasText: v1.name }).waitFor()
  assert.equal(await page.getByRole('tab', { name: '近亲属申报' }).count(), 0, 'relatives are for 纪委 only')
  await logout()
})

test('admin: add a user, reset the password, disable', async () => {
  await login('admin1')
  await page.waitForURL(srv.base + '/')
  await page.locator('.el-menu-item', { hasText: '用户管理' }).click()
  await page.waitForURL(srv.base + '/users')
  await page.locator('.el-table__body').getByText('jiwei1', { exact: true }).first().waitFor()

  await page.getByRole('button', { name: '新增用户' }).click()
  const dlg = page.locator('.el-dialog', { hasText: '新增用户' })
  await dlg.waitFor()
  await dlg.getByLabel('用户名').fill('cun2')
  await dlg.getByLabel('姓名/单位').fill('二村书记')
  // The picker lists the villages when admin may read them, and takes a typed code otherwise.
  await dlg.locator('.el-form-item', { hasText: '负责村居' }).locator('.el-select__wrapper').click()
  await page.keyboard.type(v2.code)
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await dlg.getByLabel('初始密码').fill('First-pass-2026')
  await dlg.getByRole('button', { name: '保存' }).click()
  await dlg.waitFor({ state: 'hidden' })
  const row = page.locator('.el-table__body tr', { hasText: 'cun2' })
  await row.waitFor()
  await shot(page, 'users.png')

  await row.getByRole('button', { name: '重置密码' }).click()
  const pw = page.locator('.el-dialog', { hasText: '重置密码' })
  await pw.getByLabel('新密码').fill('Second-pass-2026')
  await pw.getByLabel('确认密码').fill('Second-pass-2026')
  await pw.getByRole('button', { name: '保存' }).click()
  await pw.waitFor({ state: 'hidden' })
  const cun2 = await apiLogin(srv.base, 'cun2', 'Second-pass-2026')
  assert.equal(cun2.user.role, 'village')

  await row.getByRole('button', { name: '停用' }).click()
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  await row.getByRole('button', { name: '启用' }).waitFor()
  await assert.rejects(apiLogin(srv.base, 'cun2', 'Second-pass-2026'))
  await logout()
})

test('portal: /p/ and a village page render without JavaScript at 360 px', async () => {
  const nojs = await launch({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } })
  try {
    const p = await nojs.context.newPage()
    await p.goto(srv.base + '/p/')
    for (const v of villages) await p.getByText(v.name).first().waitFor()
    await p.goto(`${srv.base}/p/${v1.code}`)
    const text = await p.locator('body').innerText()
    assert.ok(text.includes(v1.name), 'village name on its page')
    await shot(p, 'portal-360.png')
    const bytes = (await (await fetch(`${srv.base}/p/${v1.code}`)).arrayBuffer()).byteLength
    assert.ok(bytes < 50 * 1024, `portal page is ${bytes} bytes`)
  } finally {
    await nojs.close()
  }
})
