// 信访举报, 整改, 审计 and 四种形态 in a real browser against `qinglian serve` on a
// generated township, with legacy registers loaded through the import API:
// the commission's key set from the console, a complaint registered (receipt
// shown once), decided, 包案 and concluded by its handler from 我的待办, the
// identity opened with the passphrase; the inbox countdown with the overdue one
// first; the 见底清零 board and escalation; an annual audit with its report and
// a finding handed over for rectification; a discipline case opened and decided.
// Screenshots go to tests/out/browser/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { startServer, launch, shot, apiLogin, readGen, parseCsv, PASSWORD } from './harness.mjs'

const PASSPHRASE = 'browser-test passphrase'

let srv
let br
let page
let villages
let v1
let complaintId

before(async () => {
  srv = await startServer((gen) => {
    villages = readGen(gen, 'villages.csv')
    v1 = villages[0]
    return [
      { name: 'jiwei1', role: 'jiwei' },
      { name: 'nongye1', role: 'dept', dept: '农业农村局' },
      { name: 'cun1', role: 'village', village: v1.code }
    ]
  }, { omit: ['complaints.csv', 'rectifications.csv', 'audits.csv'] }) // workflows from an empty slate
  br = await launch()
  page = await br.context.newPage()
})

after(async () => {
  if (br) await br.close()
  if (srv) await srv.stop()
})

async function login(username) {
  await br.context.clearCookies() // a fresh session even if an earlier test stopped half-way
  await page.goto(srv.base + '/login')
  await page.getByPlaceholder('用户名').fill(username)
  await page.getByPlaceholder('密码').fill(PASSWORD)
  await page.locator('button[type=submit]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

async function logout() {
  await page.locator('.user-menu').click()
  await page.getByRole('menuitem', { name: '退出登录' }).click()
  await page.waitForURL(/\/login/)
}

async function quiet() {
  await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 })
}

function day(offset) {
  return new Date(Date.now() + 8 * 3600 * 1000 + offset * 86400 * 1000).toISOString().slice(0, 10)
}

// Load a CSV register through the import API as the given session.
async function importCsv(session, file, lines) {
  const r = await fetch(srv.base + '/api/v1/import/' + file, {
    method: 'POST',
    headers: { Cookie: session.cookie, 'X-CSRF-Token': session.csrf, 'Content-Type': 'application/octet-stream', 'X-Filename': file },
    body: lines.join('\r\n') + '\r\n'
  })
  const text = await r.text()
  assert.equal(r.status, 200, `import ${file}: ${text}`)
  return JSON.parse(text)
}

const dialog = (title) => page.locator('.el-dialog', { has: page.locator('.el-dialog__title', { hasText: title }) })
const formItem = (scope, label) => scope.locator('.el-form-item', { has: page.locator('.el-form-item__label', { hasText: label }) })
const rows = () => page.locator('.data-table .el-table__body tr.el-table__row')

test('complaints: key, intake with its receipt, countdown inbox, decision, 包案, identity', async () => {
  const jw = await apiLogin(srv.base, 'jiwei1')
  await importCsv(jw, 'complaints.csv', [
    'village_code,ref,received_date,channel,anonymous,subject,category,accepted_date,concluded_date,result',
    `${villages[1].code},XF-LEGACY-1,${day(-150)},来信,是,反映低保评定不公,低保,${day(-146)},,`,
    `${villages[2].code},XF-LEGACY-2,${day(-200)},来访,是,工程质量问题,工程,${day(-199)},${day(-170)},属实`
  ])

  await login('jiwei1')
  await page.locator('.el-menu-item', { hasText: '信访件' }).click()
  await page.waitForURL(/\/complaints/)
  // The key first: without it a named complaint cannot be stored.
  await page.getByRole('button', { name: '设置信访密钥' }).click()
  const kd = dialog('设置纪委信访密钥')
  await formItem(kd, '口令').first().locator('input').fill(PASSPHRASE)
  await formItem(kd, '确认口令').locator('input').fill(PASSPHRASE)
  await kd.getByRole('button', { name: '保存' }).click()
  await kd.waitFor({ state: 'hidden' })
  await page.getByRole('button', { name: '设置信访密钥' }).waitFor({ state: 'detached' })

  await page.getByRole('button', { name: '登记信访举报' }).click()
  const d = dialog('登记信访举报')
  await formItem(d, '村（居）').locator('.el-select__wrapper').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: v1.name }).click()
  await formItem(d, '反映事项').locator('input').fill('村道工程款去向不明')
  await formItem(d, '具体内容').locator('textarea').fill('反映村道硬化工程款支付不透明，要求公开。')
  await formItem(d, '类别').locator('input').fill('财务')
  await formItem(d, '姓名').locator('input').fill('张三')
  await formItem(d, '电话').locator('input').fill('13800001111')
  await d.getByRole('button', { name: '保存' }).click()
  const box = page.locator('.el-message-box', { hasText: '查询码' })
  await box.waitFor()
  assert.match(await box.locator('.receipt').innerText(), /^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/)
  await box.getByRole('button', { name: '已告知信访人' }).click()
  await page.waitForURL(/\/complaints\/\d+$/)
  complaintId = Number(new URL(page.url()).pathname.split('/').pop())
  await page.locator('.subject', { hasText: '村道工程款去向不明' }).waitFor()
  await page.getByText('已登记', { exact: true }).first().waitFor()
  await page.locator('.countdown', { hasText: /剩 \d+ 天/ }).waitFor()
  assert.equal(await page.getByText('张三').count(), 0, 'the identity is not on the page')

  // 受理, then 包案 to the department.
  await page.getByRole('button', { name: '受理决定' }).click()
  let s = dialog('受理决定')
  await s.getByRole('button', { name: '确定' }).click()
  await s.waitFor({ state: 'hidden' })
  await page.locator('.el-tag', { hasText: '已受理' }).first().waitFor()
  await page.getByRole('button', { name: '包案交办' }).click()
  s = dialog('包案交办')
  await formItem(s, '包案责任人').locator('input').fill('nongye1')
  await formItem(s, '交办要求').locator('textarea').fill('请农业农村局核查工程款支付情况')
  await s.getByRole('button', { name: '确定' }).click()
  await s.waitFor({ state: 'hidden' })
  await page.locator('.complaint-timeline', { hasText: '请农业农村局核查工程款支付情况' }).waitFor()

  // The sealed identity, with the passphrase (a wrong one is refused).
  await page.getByRole('button', { name: '解密信访人身份' }).click()
  const idd = dialog('解密信访人身份')
  await idd.locator('input[type=password]').fill('not the passphrase')
  await idd.getByRole('button', { name: '解密' }).click()
  await idd.locator('.el-alert--error', { hasText: '口令' }).waitFor()
  await idd.locator('input[type=password]').fill(PASSPHRASE)
  await idd.getByRole('button', { name: '解密' }).click()
  await idd.getByText('张三').waitFor()
  await idd.getByText('13800001111').waitFor()
  await idd.getByRole('button', { name: '关闭', exact: true }).click()

  // The inbox: the overdue legacy complaint first, counted down in red.
  await page.goto(srv.base + '/complaints')
  const first = rows().first()
  await first.waitFor()
  assert.match(await first.innerText(), /XF-LEGACY-1/)
  assert.match(await first.locator('.countdown').innerText(), /超期 \d+ 天/)
  await page.locator('.data-table .el-table__body', { hasText: '村道工程款去向不明' }).waitFor()
  assert.equal(await page.locator('.data-table .el-table__body', { hasText: 'XF-LEGACY-2' }).count(), 0, 'a closed complaint has no deadline')
  await quiet()
  await shot(page, 'complaint-inbox.png')
  await logout()
})

test('complaints: the handler concludes from 我的待办', async () => {
  await login('nongye1')
  await page.locator('.el-menu-item', { hasText: '我的待办' }).click()
  const todo = page.locator('.task-inbox .el-table__body tr', { hasText: '村道工程款去向不明' })
  await todo.waitFor()
  await todo.locator('a').click()
  await page.waitForURL(srv.base + '/complaints/' + complaintId)
  assert.equal(await page.getByRole('button', { name: '受理决定' }).count(), 0, 'commission steps are not offered to the handler')
  await page.getByRole('button', { name: '办结' }).click()
  const s = dialog('办结')
  await formItem(s, '办理结果').getByText('部分属实').click()
  await formItem(s, '处理意见书').locator('textarea').fill('经核查，工程款已按合同支付，但未及时公开，责令村委会补充公开。')
  await s.getByRole('button', { name: '确定' }).click()
  await s.waitFor({ state: 'hidden' })
  await page.locator('.el-tag', { hasText: '已办结' }).first().waitFor()
  await page.getByRole('button', { name: '反馈信访人' }).waitFor()
  await logout()
})

test('见底清零 board: sources cleared or not, overdue escalated', async () => {
  const jw = await apiLogin(srv.base, 'jiwei1')
  const [a, b, c] = villages
  await importCsv(jw, 'rectifications.csv', [
    'village_code,ref,source,problem,owner,deadline,closed_date',
    `${a.code},XC-1,巡察,三资台账不全,村会计,${day(-60)},${day(-70)}`,
    `${a.code},XC-2,巡察,村务公开栏内容陈旧,村主任,${day(-10)},`,
    `${b.code},SJ-1,审计,白条入账3笔,报账员,${day(-90)},${day(-95)}`,
    `${b.code},DC-1,督查,低保评议记录缺失,村书记,${day(30)},`,
    `${c.code},XF-1,信访,集体鱼塘发包未公开,村主任,${day(-40)},${day(-45)}`
  ])
  await login('jiwei1')
  await page.locator('.el-menu-item', { hasText: '见底清零台账' }).click()
  await page.waitForURL(srv.base + '/rectify/board')
  const card = (src) => page.locator('.source', { has: page.locator('.source-name', { hasText: src }) })
  await card('巡察').waitFor()
  assert.match(await card('巡察').innerText(), /未清零/)
  assert.match(await card('巡察').innerText(), /1\s*项未销号\s*\/\s*共 2 项/)
  assert.match(await card('审计').innerText(), /已清零/)
  assert.match(await card('预警').innerText(), /无问题/)
  assert.match(await card('巡察').locator('.figures').innerText(), /超期 1/)
  await page.locator('.chart-box canvas').first().waitFor()
  await page.waitForTimeout(800)
  await quiet()
  await shot(page, 'rectify-board.png')

  await page.getByRole('button', { name: '超期督办' }).click()
  await page.locator('.el-message--success', { hasText: '1 个超期问题' }).waitFor()
  await card('巡察').locator('.figures .overdue').click()
  await page.waitForURL(/\/rectify\?/)
  await rows().first().waitFor()
  assert.equal(await rows().count(), 1)
  assert.match(await rows().first().innerText(), /XC-2[\s\S]*督办/)
})

test('audit: annual plan, report, a finding handed over; a discipline case', async () => {
  const year = String(Number(day(0).slice(0, 4)) - 1)
  await page.locator('.el-menu-item', { hasText: '审计项目' }).click()
  await page.waitForURL(srv.base + '/audits')
  await page.getByRole('button', { name: '生成一年一审计划' }).click()
  const pd = dialog('生成一年一审计划')
  assert.equal(await pd.locator('input').first().inputValue(), year, 'last year by default')
  await pd.getByRole('button', { name: '生成' }).click()
  await page.locator('.el-message--success', { hasText: '项年度审计' }).waitFor()
  await rows().first().waitFor()
  assert.equal(await rows().count(), villages.length, 'one annual audit per village')
  await page.locator('.data-table .el-table__body tr', { hasText: v1.name }).locator('a').click()
  await page.waitForURL(/\/audits\/\d+$/)
  await page.getByRole('button', { name: '登记审计报告' }).click()
  const rd = dialog('登记审计报告')
  await formItem(rd, '审计结论').locator('textarea').fill('财务收支基本规范，存在个别白条入账。')
  await rd.getByRole('button', { name: '保存' }).click()
  await rd.waitFor({ state: 'hidden' })
  await page.getByRole('button', { name: '登记发现的问题' }).click()
  const fd = dialog('登记审计发现的问题')
  await formItem(fd, '问题描述').locator('textarea').fill('白条入账2笔')
  await formItem(fd, '涉及金额').locator('input').fill('1580.5')
  await formItem(fd, '整改责任人').locator('input').fill('报账员')
  await formItem(fd, '整改时限').locator('input').fill(day(30))
  await formItem(fd, '整改时限').locator('input').press('Enter')
  await fd.getByRole('button', { name: '保存' }).click()
  await fd.waitFor({ state: 'hidden' })
  const finding = page.locator('.el-table__body tr', { hasText: '白条入账2笔' })
  await finding.waitFor()
  assert.match(await finding.innerText(), /1,580\.50/)
  await finding.locator('a').click()
  await page.waitForURL(/\/rectify\/\d+$/)
  await page.locator('.problem', { hasText: '白条入账2笔' }).waitFor()

  // 四种形态: a case on the village's secretary, then its outcome.
  const positions = parseCsv(fs.readFileSync(path.join(srv.gen, 'positions.csv'), 'utf8')).slice(1)
  const sec = positions.find((p) => p[0] === v1.code && p[2] === '书记')
  assert.ok(sec, 'village 1 has a secretary')
  await page.locator('.el-menu-item', { hasText: '案件' }).click()
  await page.waitForURL(srv.base + '/discipline')
  await page.getByRole('button', { name: '立案' }).click()
  const cd = dialog('立案')
  await formItem(cd, '村（居）').locator('.el-select__wrapper').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: v1.name }).click()
  await formItem(cd, '身份证号').locator('input').fill(sec[1])
  await formItem(cd, '形态').getByText('第二种形态').click()
  await cd.getByRole('button', { name: '保存' }).click()
  await cd.waitFor({ state: 'hidden' })
  const row = rows().first()
  await row.waitFor()
  assert.match(await row.innerText(), /第二种形态[\s\S]*警告[\s\S]*办理中/)
  await row.getByRole('button', { name: '办结/撤销' }).click()
  const dd = dialog('办结或撤销')
  await formItem(dd, '处理结果').locator('textarea').fill('给予党内警告处分')
  await dd.getByRole('button', { name: '保存' }).click()
  await dd.waitFor({ state: 'hidden' })
  await row.getByText('已办结').waitFor()
  await logout()
})
