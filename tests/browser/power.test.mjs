// 权力清单与议事决策 in a real browser against `qinglian serve` on a generated
// township: the default catalogue loaded from the console, a flowchart, a new
// version; a village opening a 重大 matter and taking it through 五议两公开 with
// the server's refusals shown at their fields, a 预报 filing, an attachment
// uploaded and downloaded; an overdue inquiry reached from 我的待办 and
// answered; the holiday calendar and the township parameters.
// Screenshots go to tests/out/browser/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { startServer, launch, shot, apiLogin, readGen, OUT, PASSWORD } from './harness.mjs'

const CJK = /[\u4e00-\u9fff]/

let srv
let br
let page
let v1 // the village of the village user
let matterId // the matter opened in the matter test

before(async () => {
  srv = await startServer((gen) => {
    const villages = readGen(gen, 'villages.csv')
    v1 = villages[0]
    return [
      { name: 'jiwei1', role: 'jiwei' },
      { name: 'cun1', role: 'village', village: v1.code },
      { name: 'nongye1', role: 'dept', dept: '农业农村局' },
      { name: 'jw1', role: 'supervisor', village: v1.code },
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

// A full-height screenshot of a page whose content scrolls inside the layout,
// once the toasts are gone.
async function tallShot(name, height = 1600) {
  await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 })
  await page.setViewportSize({ width: 1366, height })
  await page.waitForTimeout(300)
  await shot(page, name)
  await page.setViewportSize({ width: 1366, height: 860 })
}

const rows = () => page.locator('.data-table .el-table__body tr.el-table__row')
const dialog = (title) => page.locator('.el-dialog', { has: page.locator('.el-dialog__title', { hasText: title }) })
const formItem = (scope, label) => scope.locator('.el-form-item', { has: page.locator('.el-form-item__label', { hasText: label }) })

function beijingDate(offsetDays = 0) {
  const d = new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86400 * 1000)
  return d.toISOString().slice(0, 10)
}

test('catalogue: load the default list, filter, a flowchart, a new version', async () => {
  await login('jiwei1')
  await page.locator('.el-menu-item', { hasText: '小微权力清单' }).click()
  await page.waitForURL(srv.base + '/power/items')
  await page.getByRole('button', { name: '载入默认清单' }).click()
  await page.locator('.el-message-box').getByRole('button', { name: '载入' }).click()
  await page.locator('.el-message--success', { hasText: '已载入' }).waitFor()
  const api = await apiLogin(srv.base, 'jiwei1')
  const all = (await api.call('GET', '/power/items')).json
  assert.ok(all.total >= 30, `default catalogue has at least 30 items, got ${all.total}`)
  await page.waitForFunction((n) => document.querySelectorAll('.data-table .el-table__body tr.el-table__row').length === n, all.total)
  assert.equal(await page.getByRole('button', { name: '载入默认清单' }).count(), 0, 'the default list loads once')

  const bm = (await api.call('GET', '/power/items?category=' + encodeURIComponent('便民服务'))).json
  await page.locator('.data-table label', { hasText: '便民服务' }).click()
  await page.waitForFunction((n) => document.querySelectorAll('.data-table .el-table__body tr.el-table__row').length === n, bm.total)
  for (const t of await rows().locator('td:nth-child(3)').allInnerTexts()) assert.equal(t.trim(), '便民服务')
  await page.locator('.data-table label', { hasText: '全部' }).click()

  const item = all.items.find((i) => i.major && i.prereview)
  assert.ok(item, 'the catalogue has a 重大 item that needs 预审')
  await page.locator('.el-table__body a', { hasText: item.name }).click()
  await page.waitForURL(srv.base + '/power/items/' + item.id)
  const steps = page.locator('.flowchart .step')
  await steps.first().waitFor()
  assert.equal(await steps.count(), 7, 'a 重大 item has the seven steps of 五议两公开')
  assert.deepEqual(
    (await steps.locator('.name').allInnerTexts()).map((s) => s.trim()),
    ['提议', '商议', '审议', '决议', '决议公开', '实施', '结果公开']
  )
  await page.locator('.flowchart .terminal.start', { hasText: '开始' }).waitFor()
  await page.locator('.flowchart .terminal.end', { hasText: '办结' }).waitFor()
  await page.locator('.flowchart .rule', { hasText: '第二十六条' }).waitFor()
  await tallShot('power-flowchart.png', 1500)

  // A new version: the change note is required, then the page moves to version 2.
  await page.getByRole('button', { name: '修改（新版本）' }).click()
  const d = dialog('修改清单事项')
  await d.waitFor()
  await formItem(d, '事项名称').locator('input').fill(item.name + '（修订）')
  await d.getByRole('button', { name: '保存' }).click()
  await formItem(d, '修改说明').locator('.el-form-item__error', { hasText: '修改说明' }).waitFor()
  await formItem(d, '修改说明').locator('textarea').fill('浏览器测试：名称修订')
  await d.getByRole('button', { name: '保存' }).click()
  await d.waitFor({ state: 'hidden' })
  await page.waitForURL((u) => /\/power\/items\/\d+$/.test(u.pathname) && !u.pathname.endsWith('/' + item.id))
  await page.locator('.item-name', { hasText: '（修订）' }).waitFor()
  await page.getByText('第 2 版', { exact: true }).first().waitFor()
  const versions = page.locator('.el-card', { hasText: '历史版本' }).locator('.el-table__body tr')
  assert.equal(await versions.count(), 2)
  await page.locator('.el-card', { hasText: '历史版本' }).getByText('浏览器测试：名称修订').waitFor()
  await logout()
})

test('a matter through 五议两公开: refusals at their fields, 预报, attachment, timeline', async () => {
  await login('cun1')
  await page.goto(srv.base + '/power/matters')
  await rows().first().waitFor()
  await page.getByRole('button', { name: '新建事项' }).click()
  const d = dialog('新建事项')
  await d.waitFor()
  await formItem(d, '权力清单事项').locator('.el-select__wrapper').click()
  await page.keyboard.type('工程建设项目')
  await page.locator('.el-select-dropdown__item:visible', { hasText: '（修订）' }).first().click()
  await formItem(d, '事项名称').locator('input').fill('村道硬化工程')
  await formItem(d, '涉及金额').locator('input').fill('186000')
  await d.getByRole('button', { name: '保存' }).click()
  await page.waitForURL(/\/power\/matters\/\d+$/)
  matterId = Number(new URL(page.url()).pathname.split('/').pop())
  await page.locator('.el-message--success', { hasText: '重大' }).waitFor()
  await page.locator('.matter-title', { hasText: '村道硬化工程' }).waitFor()
  await page.getByText('重大事项', { exact: true }).waitFor()

  // 提议 before the township was told: the server refuses, at the step.
  await page.getByRole('button', { name: '登记「提议」' }).click()
  let s = dialog('登记环节：提议')
  await s.getByRole('button', { name: '登记' }).click()
  const refusal = formItem(s, '环节').locator('.el-form-item__error')
  await refusal.waitFor()
  assert.match(await refusal.innerText(), /预报/)
  await s.getByRole('button', { name: '取消' }).click()

  // 重大事项预报, and the township's agreement.
  await page.getByRole('button', { name: /报送/ }).click()
  const f = dialog('报送镇审核')
  await formItem(f, '报送内容').locator('textarea').fill('拟实施村道硬化工程，长1.2公里，概算18.6万元')
  await f.getByRole('button', { name: '报送' }).click()
  await f.waitFor({ state: 'hidden' })
  await page.locator('.filing', { hasText: '待镇回复' }).waitFor()
  const dept = await apiLogin(srv.base, 'nongye1')
  const timeline = (await dept.call('GET', '/power/matters/' + matterId)).json
  const fid = timeline.filings[0].id
  const rep = await dept.call('PUT', `/power/filings/${fid}/reply`, { reply: '同意', reply_date: beijingDate(), reply_text: '同意按程序推进' })
  assert.equal(rep.status, 200, rep.text)
  await page.reload()
  await page.locator('.filing', { hasText: '同意按程序推进' }).waitFor()

  // 提议 with its proposal attached.
  const proposal = '提议书：修建村道，全长1.2公里。'
  await page.getByRole('button', { name: '登记「提议」' }).click()
  s = dialog('登记环节：提议')
  await formItem(s, '会议记录').locator('textarea').fill('支部委员会研究提出')
  await s.locator('input[type=file]').setInputFiles({ name: '提议书.txt', mimeType: 'text/plain', buffer: Buffer.from(proposal, 'utf8') })
  await s.getByRole('button', { name: '登记' }).click()
  await s.waitFor({ state: 'hidden' })
  await page.locator('.matter-timeline .attachment', { hasText: '提议书.txt' }).waitFor()

  // 商议: the 两委 joint meeting's attendance.
  await page.getByRole('button', { name: '登记「商议」' }).click()
  s = dialog('登记环节：商议')
  await formItem(s, '应到人数').locator('input').fill('9')
  await formItem(s, '到会人数').locator('input').fill('8')
  await s.getByRole('button', { name: '登记' }).click()
  await s.waitFor({ state: 'hidden' })
  await page.locator('.matter-timeline', { hasText: '应到 9 人，到会 8 人' }).waitFor()

  // 审议 short of two thirds: refused at 到会人数; then a valid meeting.
  await page.getByRole('button', { name: '登记「审议」' }).click()
  s = dialog('登记环节：审议')
  await formItem(s, '应到人数').locator('input').fill('45')
  await formItem(s, '到会人数').locator('input').fill('29')
  await formItem(s, '同意').first().locator('input').fill('29')
  await s.locator('.law', { hasText: '至少 30 人' }).waitFor()
  await s.getByRole('button', { name: '登记' }).click()
  const quorum = formItem(s, '到会人数').locator('.el-form-item__error')
  await quorum.waitFor()
  assert.match(await quorum.innerText(), /三分之二/)
  await formItem(s, '到会人数').locator('input').fill('32')
  await formItem(s, '同意').first().locator('input').fill('30')
  await formItem(s, '反对').locator('input').fill('1')
  await formItem(s, '会议记录').locator('textarea').fill('党员大会审议通过')
  await s.getByRole('button', { name: '登记' }).click()
  await s.waitFor({ state: 'hidden' })
  await page.locator('.matter-timeline', { hasText: '表决：同意 30 票，反对 1 票' }).waitFor()
  await page.getByRole('button', { name: '登记「决议」' }).waitFor()
  assert.equal((await page.locator('.el-descriptions', { hasText: '已办环节' }).innerText()).includes('3 / 7'), true)

  // The attachment downloads with its content intact.
  const downloaded = page.waitForEvent('download')
  await page.locator('.matter-timeline .attachment').getByRole('button', { name: '提议书.txt' }).click()
  const dl = await downloaded
  const file = path.join(OUT, 'power-attachment.txt')
  await dl.saveAs(file)
  assert.equal(fs.readFileSync(file, 'utf8'), proposal)
  assert.equal(dl.suggestedFilename(), '提议书.txt')
})

test('an overdue inquiry: in 我的待办, answered late from its page', async () => {
  const jw = await apiLogin(srv.base, 'jw1')
  const asked = await jw.call('POST', '/power/inquiries', {
    village_code: v1.code,
    matter_id: matterId,
    question: '村道硬化工程的询价记录为何未公开？',
    asked_date: beijingDate(-45)
  })
  assert.equal(asked.status, 201, asked.text)
  assert.equal(asked.json.overdue, true)

  await page.goto(srv.base + '/inbox')
  const row = page.locator('.task-inbox .el-table__body tr', { hasText: '询价记录' })
  await row.waitFor()
  assert.match(await row.innerText(), /质询待答复/)
  assert.equal(await row.locator('.overdue').count(), 1, 'the overdue date is marked')
  await row.locator('a').click()
  await page.waitForURL(srv.base + '/power/inquiries/' + asked.json.id)
  const card = page.locator('.focus')
  await card.getByText('逾期未答复').waitFor()
  await card.getByRole('button', { name: '答复' }).click()
  const d = dialog('答复质询')
  await formItem(d, '答复内容').locator('textarea').fill('询价记录已于村务公开栏补充公开。')
  await d.getByRole('button', { name: '提交答复' }).click()
  await page.locator('.el-message--success', { hasText: '超过答复期限' }).waitFor()
  await card.getByText('逾期答复', { exact: true }).waitFor()
  await card.getByText('询价记录已于村务公开栏补充公开。', { exact: false }).waitFor()

  await page.goto(srv.base + '/power/matters/' + matterId)
  await page.locator('.inquiry', { hasText: '询价记录已于村务公开栏补充公开' }).waitFor()
  await page.locator('.matter-timeline .attachment', { hasText: '提议书.txt' }).waitFor()
  await tallShot('power-matter-timeline.png', 1400)
  await logout()
})

test('holiday calendar (admin) and township parameters (纪委)', async () => {
  await login('admin1')
  assert.equal(await page.locator('.el-sub-menu', { hasText: '权力清单' }).count(), 0, 'admin reads no business records')
  await page.locator('.el-menu-item', { hasText: '节假日日历' }).click()
  await page.waitForURL(srv.base + '/holidays')
  // A plain weekday of this month that the calendar does not list yet.
  const data = await page.evaluate((y) => fetch('/api/v1/holidays?year=' + y).then((r) => r.json()), beijingDate().slice(0, 4))
  const listed = new Set(data.items.map((i) => i.date))
  const month = beijingDate().slice(0, 8)
  let day = null
  for (let i = 1; i <= 28 && !day; i++) {
    const d = month + String(i).padStart(2, '0')
    const wd = new Date(d + 'T00:00:00Z').getUTCDay()
    if (wd !== 0 && wd !== 6 && !listed.has(d)) day = d
  }
  assert.ok(day, 'a plain weekday this month')
  await page.locator('.el-calendar-table td.current .cell').nth(Number(day.slice(8)) - 1).click()
  const d = dialog('更正日历：' + day)
  await d.waitFor()
  await formItem(d, '名称').locator('input').fill('浏览器测试放假')
  await d.getByRole('button', { name: '保存' }).click()
  await d.waitFor({ state: 'hidden' })
  await page.locator('.el-table__body tr', { hasText: '浏览器测试放假' }).getByText('更正').waitFor()
  await page.locator('.cell.holiday', { hasText: '浏览器测试放假' }).waitFor()
  // The deadline calculator counts around it.
  await page.getByRole('button', { name: '计算' }).click()
  await page.locator('.result', { hasText: '个工作日' }).waitFor()
  await shot(page, 'power-holidays.png')
  await logout()

  await login('jiwei1')
  await page.goto(srv.base + '/power/settings')
  const row = rows().first()
  await row.waitFor()
  await row.getByRole('button', { name: '修改' }).click()
  const s = page.locator('.el-dialog', { hasText: '议事决策参数' })
  await formItem(s, '集体决策金额标准').locator('input').fill('80000')
  await s.getByRole('button', { name: '保存' }).click()
  const err = formItem(s, '集体决策金额标准').locator('.el-form-item__error')
  await err.waitFor()
  assert.match(await err.innerText(), CJK)
  await formItem(s, '集体决策金额标准').locator('input').fill('8000')
  await formItem(s, '决议公示天数').locator('input').fill('7')
  await s.getByRole('button', { name: '保存' }).click()
  await s.waitFor({ state: 'hidden' })
  await row.getByText('本镇设置').waitFor()
  assert.match(await row.innerText(), /8,000\.00/)
  await logout()
})
