// 三务公开, 惠民资金 and 双随机一公开 in a real browser against `qinglian serve`
// on a generated township: a village cadre drafts a finance publication with
// its lines, submits it, and after the supervisory committee's agreement
// publishes it; a villager's objection shows in 我的待办 and is answered
// from 村民异议; the compliance board as of a date matches the server's
// counts; a payment is entered, another imported, and a villager's own records
// found at the counter; a draw is announced (the seed shown once) and drawn
// with that seed; 纪委 renames a catalogue item.
// Screenshots go to tests/out/browser/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, shot, apiLogin, readGen, PASSWORD } from './harness.mjs'

let srv
let br
let page
let v1
let people
let payments

before(async () => {
  srv = await startServer((gen) => {
    v1 = readGen(gen, 'villages.csv')[0]
    people = readGen(gen, 'people.csv')
    payments = readGen(gen, 'subsidies.csv')
    return [
      { name: 'jiwei1', role: 'jiwei' },
      { name: 'cun1', role: 'village', village: v1.code },
      { name: 'jw1', role: 'supervisor', village: v1.code }
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
  await br.context.clearCookies()
  await page.goto(srv.base + '/login')
  await page.getByPlaceholder('用户名').fill(username)
  await page.getByPlaceholder('密码').fill(PASSWORD)
  await page.locator('button[type=submit]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

const rows = () => page.locator('.data-table .el-table__body tr.el-table__row')
const dialog = (title) => page.locator('.el-dialog', { has: page.locator('.el-dialog__title', { hasText: title }) })
const formItem = (scope, label) => scope.locator('.el-form-item', { has: page.locator('.el-form-item__label', { hasText: label }) })

function beijingMonth(offsetMonths) {
  const d = new Date(Date.now() + 8 * 3600 * 1000)
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + offsetMonths)
  return d.toISOString().slice(0, 7)
}

test('a finance publication: draft with lines, submit, review, publish; an objection answered', async () => {
  await login('cun1')
  await page.locator('.el-menu-item', { hasText: '公开事项' }).click()
  await page.waitForURL(srv.base + '/disclosures')
  await rows().first().waitFor()
  await page.getByRole('button', { name: '新建公开' }).click()
  const d = dialog('新建公开')
  await d.waitFor()
  await formItem(d, '公开事项').locator('.el-select__wrapper').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: 'CZ-01' }).click()
  const period = beijingMonth(-1)
  await formItem(d, '所属期').locator('input').fill(period)
  await formItem(d, '标题').locator('input').fill(`${v1.name}${period}财务收支明细`)
  await formItem(d, '收入合计').locator('input').fill('1200')
  await formItem(d, '支出合计').locator('input').fill('300.50')
  await d.getByRole('button', { name: '添加一行' }).click()
  await d.getByRole('button', { name: '添加一行' }).click()
  const lineRows = d.locator('.lines .el-table__body tr')
  const fillLine = async (i, date, summary, inc, exp) => {
    const r = lineRows.nth(i)
    const di = r.locator('td').nth(0).locator('input')
    await di.fill(date)
    await di.press('Enter')
    await r.locator('td').nth(1).locator('input').fill(summary)
    await r.locator('td').nth(2).locator('input').fill(inc)
    await r.locator('td').nth(3).locator('input').fill(exp)
  }
  await fillLine(0, period + '-05', '收到上级转移支付', '1200', '')
  await fillLine(1, period + '-20', '支付保洁费', '', '300.5')
  await d.getByText('明细合计：收入 1,200.00 元，支出 300.50 元').waitFor()
  await d.getByRole('button', { name: '保存' }).click()
  await page.waitForURL(/\/disclosures\/\d+$/)
  const id = Number(new URL(page.url()).pathname.split('/').pop())
  await page.locator('.disclosure-title', { hasText: '财务收支明细' }).waitFor()
  await page.getByText('收支明细（2 笔）').waitFor()
  await page.getByRole('button', { name: '提交审核' }).click()
  await page.locator('.el-tag', { hasText: '待监委会审核' }).waitFor()

  // The supervisory committee agrees (its own page), then the cadre publishes.
  await login('jw1')
  await page.goto(srv.base + '/disclosures/' + id)
  await page.getByRole('button', { name: '审核' }).click()
  const rv = dialog('监委会审核')
  await rv.getByRole('button', { name: '提交审核意见' }).click()
  await rv.waitFor({ state: 'hidden' })
  await page.locator('.el-tag', { hasText: '审核同意，待发布' }).waitFor()

  await login('cun1')
  await page.goto(srv.base + '/disclosures/' + id)
  await page.getByRole('button', { name: '发布' }).click()
  const pd = dialog('发布公开')
  await pd.locator('.el-input-number input').fill('3')
  await pd.getByRole('button', { name: '发布' }).click()
  await formItem(pd, '公示天数').locator('.el-form-item__error', { hasText: '5' }).waitFor()
  await pd.locator('.el-input-number input').fill('7')
  await pd.getByRole('button', { name: '发布' }).click()
  await pd.waitFor({ state: 'hidden' })
  await page.locator('.el-tag', { hasText: '已公开' }).waitFor()
  assert.equal(await page.getByRole('button', { name: '修改' }).count(), 0, 'a published one is not edited')
  await page.getByRole('button', { name: '更正' }).waitFor()

  // A villager's objection through the public API, answered from 村民异议.
  const r = await fetch(`${srv.base}/api/v1/public/disclosures/${id}/objections`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ content: '保洁费支付对象是谁？' })
  })
  assert.equal(r.status, 201, await r.text())
  await page.goto(srv.base + '/inbox')
  await page.getByText('公开异议待答复').first().waitFor()
  await page.getByText('保洁费支付对象是谁', { exact: false }).first().waitFor()
  await page.locator('.el-menu-item', { hasText: '村民异议' }).click()
  await page.waitForURL(srv.base + '/disclosure-objections')
  await rows().filter({ hasText: '保洁费支付对象是谁' }).getByRole('button', { name: '答复' }).click()
  const rd = dialog('答复村民异议')
  await formItem(rd, '答复内容').locator('textarea').fill('支付给本村保洁员，详见公开栏附件。')
  await rd.getByRole('button', { name: '答复' }).click()
  await rd.waitFor({ state: 'hidden' })
  // 仅未答复 is on: the answered one leaves the list.
  await rows().filter({ hasText: '保洁费支付对象是谁' }).waitFor({ state: 'detached' })
  const api = await apiLogin(srv.base, 'cun1')
  const det = (await api.call('GET', '/disclosures/' + id)).json
  assert.equal(det.status, 'published')
  assert.equal(det.lines.length, 2)
  assert.equal(det.objections[0].reply, '支付给本村保洁员，详见公开栏附件。')
})

test('compliance board as of a date', async () => {
  await login('jiwei1')
  await page.locator('.el-menu-item', { hasText: '公开合规看板' }).click()
  await page.waitForURL(srv.base + '/disclosure-board')
  const asOf = page.locator('.toolbar .el-date-editor').first().locator('input')
  await asOf.fill('2025-12-31')
  await asOf.press('Enter')
  const year = page.locator('.toolbar .el-date-editor').nth(1).locator('input')
  await year.fill('2025')
  await year.press('Enter')
  await page.getByRole('button', { name: '查询' }).click()
  await page.locator('.caption', { hasText: '截至 2025-12-31，2025 年度' }).waitFor()
  const api = await apiLogin(srv.base, 'jiwei1')
  const b = (await api.call('GET', '/disclosure-board?as_of=2025-12-31&year=2025')).json
  assert.ok(b.summary.late > 0 && b.summary.missing > 0, 'the generator plants late and missing publications')
  for (const [state, label] of [['on_time', '按时公开'], ['late', '逾期公开'], ['missing', '未公开']]) {
    assert.equal(await page.locator('.board td.state-' + state).count(), b.summary[state], state)
    const legend = (await page.locator('.legend', { hasText: label }).first().innerText()).trim()
    assert.ok(legend.endsWith(String(b.summary[state])), `${label}: ${legend}`)
  }
  await page.setViewportSize({ width: 1440, height: 1400 })
  await page.waitForTimeout(300)
  await shot(page, 'disclosure-board.png')
  await page.setViewportSize({ width: 1366, height: 860 })
})

test('subsidies: a payment entered, a villager served at the counter', async () => {
  const paid = new Set(payments.map((p) => p.id_no))
  const person = people.find((p) => p.village_code === v1.code && !p.death_date && !p.moved_out_date && !paid.has(p.id_no))
  assert.ok(person, 'a living resident of the village without payments')
  await login('cun1')
  await page.locator('.el-menu-item', { hasText: '发放名单与查询' }).click()
  await page.waitForURL(srv.base + '/subsidies')
  await rows().first().waitFor()
  await page.getByRole('button', { name: '登记发放' }).click()
  const d = dialog('登记发放')
  await formItem(d, '补贴项目').locator('.el-select__wrapper').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '高龄津贴' }).click()
  await formItem(d, '身份证号').locator('input').fill(person.id_no)
  await formItem(d, '所属期').locator('input').fill('2025-12')
  await formItem(d, '金额').locator('input').fill('500')
  await d.getByRole('button', { name: '保存' }).click()
  await formItem(d, '金额').locator('.el-form-item__error', { hasText: '标准' }).waitFor()
  await formItem(d, '金额').locator('input').fill('80')
  await d.getByRole('button', { name: '保存' }).click()
  await d.waitFor({ state: 'hidden' })
  const api = await apiLogin(srv.base, 'cun1')
  const list = (await api.call('GET', '/subsidies?programme=' + encodeURIComponent('高龄津贴') + '&period=2025-12&per_page=500')).json
  assert.ok(list.items.some((p) => p.id_no === person.id_no && p.amount_fen === 8000))

  // 导入名单: one more payment from a file, all or nothing.
  const other = people.find((p) => p.village_code === v1.code && !p.death_date && !p.moved_out_date && !paid.has(p.id_no) && p.id_no !== person.id_no)
  await page.getByRole('button', { name: '导入名单' }).click()
  const dlg = page.locator('.import-dialog')
  await dlg.locator('input[type=file]').setInputFiles({
    name: 'subsidies.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(['village_code,programme,id_no,name,period,amount,paid_date,bank_account', `${v1.code},高龄津贴,${other.id_no},${other.name},2025-11,80.00,2025-11-20,`].join('\n') + '\n', 'utf8')
  })
  await dlg.getByRole('button', { name: '开始导入' }).click()
  await dlg.locator('.import-result .el-descriptions', { hasText: '新增' }).waitFor()
  assert.equal((await dlg.locator('.import-result .el-descriptions__cell.el-descriptions__content').first().innerText()).trim(), '1')
  await dlg.locator('.el-dialog__footer').getByRole('button', { name: '关闭' }).click()
  await dlg.waitFor({ state: 'hidden' })
  const imported = (await api.call('GET', '/subsidies?programme=' + encodeURIComponent('高龄津贴') + '&period=2025-11&per_page=500')).json
  assert.ok(imported.items.some((p) => p.id_no === other.id_no && p.amount_fen === 8000))

  // 村民查询: a recipient with the registered phone.
  const rec = payments.find((p) => p.village_code === v1.code)
  const who = people.find((p) => p.id_no === rec.id_no)
  await page.getByRole('tab', { name: '村民查询' }).click()
  const qf = page.locator('.query-form')
  await formItem(qf, '身份证号').locator('input').fill(who.id_no)
  await formItem(qf, '登记的电话').locator('input').fill(who.phone || '')
  if (!who.phone) await formItem(qf, '户号').locator('input').fill(who.household_no)
  await qf.getByRole('button', { name: '查询' }).click()
  const n = payments.filter((p) => p.id_no === who.id_no).length
  await page.waitForFunction((k) => document.querySelectorAll('.query-result .el-table__body tr').length === k, Math.min(n, 500))
  assert.ok(n > 0)
})

test('a draw: announced with the seed shown once, drawn with that seed', async () => {
  await login('jiwei1')
  await page.locator('.el-menu-item', { hasText: '抽查' }).click()
  await page.waitForURL(srv.base + '/draws')
  await page.getByRole('button', { name: '公布抽查' }).click()
  const d = dialog('公布抽查')
  await formItem(d, '抽查名称').locator('input').fill('2026年村级财务双随机抽查')
  await formItem(d, '执法检查人员库').locator('textarea').fill('王检查\n李检查\n赵检查\n钱检查')
  await formItem(d, '抽取对象数').locator('input').fill('2')
  await formItem(d, '抽取人员数').locator('input').fill('4')
  await d.getByRole('button', { name: '公布' }).click()
  const a = dialog('抽查已公布')
  const seed = (await a.locator('.seed').innerText()).trim()
  assert.match(seed, /^[0-9a-f]{64}$/)
  await a.getByRole('button', { name: '我已保存' }).click()
  await rows().filter({ hasText: '2026年村级财务双随机抽查' }).getByRole('button', { name: '抽取' }).click()
  const det = dialog('2026年村级财务双随机抽查')
  await det.getByRole('button', { name: '抽取' }).click()
  const run = dialog('抽取')
  await formItem(run, '种子').locator('input').fill('0'.repeat(64))
  await run.getByRole('button', { name: '抽取' }).click()
  await formItem(run, '种子').locator('.el-form-item__error', { hasText: '哈希' }).waitFor()
  await formItem(run, '种子').locator('input').fill(seed)
  await run.getByRole('button', { name: '抽取' }).click()
  await run.waitFor({ state: 'hidden' })
  const result = det.locator('.draw-result .el-table__body tr')
  await result.first().waitFor()
  assert.equal(await result.count(), 2)
  const api = await apiLogin(srv.base, 'jiwei1')
  const list = (await api.call('GET', '/draws')).json
  const one = (await api.call('GET', '/draws/' + list.items[0].id)).json
  assert.equal(one.seed, seed)
  assert.equal(one.result.targets.length, 2)
  assert.ok((await result.first().innerText()).includes(one.result.targets[0].target))
})

test('the township catalogue: an item renamed by 纪委', async () => {
  await login('jiwei1')
  await page.locator('.el-menu-item', { hasText: '公开目录' }).click()
  await page.waitForURL(srv.base + '/disclosure-catalogue')
  const row = page.locator('.catalogue .el-table__body tr', { hasText: 'CW-06' })
  await row.getByRole('button', { name: '修改' }).click()
  const d = dialog('修改公开事项')
  await formItem(d, '公开事项').locator('input').fill('一事一议筹资筹劳（含方案与结算）')
  await d.getByRole('button', { name: '保存' }).click()
  await d.waitFor({ state: 'hidden' })
  await row.getByText('一事一议筹资筹劳（含方案与结算）').waitFor()
  const api = await apiLogin(srv.base, 'jiwei1')
  const cat = (await api.call('GET', '/disclosure-catalogue')).json
  assert.equal(cat.items.find((i) => i.item_code === 'CW-06').name, '一事一议筹资筹劳（含方案与结算）')
})
