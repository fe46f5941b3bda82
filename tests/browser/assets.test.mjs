// A contract's page and a small project's step timeline in a real browser
// against `qinglian serve` on a generated township: a contract with bills and
// arrears opened from the contracts list (terms, the counterparty masked until
// asked, bills with their ageing bucket, a receipt linked to its voucher);
// a project opened from the project list, a step out of order refused with the
// server's Chinese message, and 镇预审 recorded through the page and shown on
// the timeline with who recorded it. Screenshots go to tests/out/browser/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, shot, apiLogin, readGen, PASSWORD } from './harness.mjs'

let srv
let br
let page
let v1

before(async () => {
  srv = await startServer((gen) => {
    v1 = readGen(gen, 'villages.csv')[0]
    return [
      { name: 'jiwei1', role: 'jiwei' },
      { name: 'cun1', role: 'village', village: v1.code }
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

const today = () => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date())
      .map((x) => [x.type, x.value])
  )
  return `${p.year}-${p.month}-${p.day}`
}
const yuan = (fen) => (fen / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

test('a contract with its bills, arrears and payment history', async () => {
  const cun = await apiLogin(srv.base, 'cun1')
  // a contract of the village with arrears today and a bill still owed
  const list = (await cun.call('GET', `/contracts?village=${v1.code}&per_page=100`)).json
  let c = null
  let d = null
  for (const it of list.items.filter((x) => x.arrears_fen > 0)) {
    const got = (await cun.call('GET', '/contracts/' + it.id)).json
    if (got.bills.some((b) => b.bucket && b.outstanding_fen >= 10000)) {
      c = it
      d = got
      break
    }
  }
  assert.ok(c, 'the generated township has a contract in arrears')
  // a receipt of 100.00 on the overdue bill, naming a voucher of the village's books
  const bill = d.bills.find((b) => b.bucket && b.outstanding_fen >= 10000)
  const vs = (await cun.call('GET', `/vouchers?village=${v1.code}&per_page=1`)).json
  const voucher = vs.items[0]
  const pay = await cun.call('POST', `/bills/${bill.id}/payments`, { date: today(), amount: '100.00', voucher_no: voucher.voucher_no, note: '部分缴纳' })
  assert.equal(pay.status, 201, pay.text)
  d = (await cun.call('GET', '/contracts/' + c.id)).json

  await login('jiwei1')
  await page.goto(srv.base + '/assets?tab=contracts')
  await page.getByPlaceholder('合同编号、标的或承包方').fill(c.contract_no)
  await page.getByRole('button', { name: '查询' }).click()
  await page.locator('.contract-link', { hasText: c.contract_no }).first().click()
  await page.waitForURL(srv.base + '/assets/contracts/' + c.id)
  await page.locator('.bills .el-table__body tr').first().waitFor()

  const k = d.contract
  const head = await page.locator('.terms').innerText()
  assert.ok(head.includes(k.subject_no), 'subject shown')
  assert.ok(head.includes(`${k.start_date} 至 ${k.end_date}`), 'dates shown')
  assert.ok(head.includes(yuan(k.annual_rent_fen)), 'rent shown')
  // masked until asked, then whole
  if (k.counterparty_is_person) {
    assert.equal((await page.locator('.party-id').innerText()).trim(), k.counterparty_id_masked)
    assert.ok(!head.includes(k.counterparty_id), 'the whole ID is not shown at first')
    await page.locator('.reveal').click()
    assert.equal((await page.locator('.party-id').innerText()).trim(), k.counterparty_id)
    await page.locator('.reveal').click()
  }
  // bills: one row each, the overdue one with its bucket
  const rows = page.locator('.bills .el-table__body tr.el-table__row')
  assert.equal(await rows.count(), d.bills.length)
  const i = d.bills.findIndex((b) => b.id === bill.id)
  const row = await rows.nth(i).innerText()
  const b2 = d.bills[i]
  assert.ok(row.includes(b2.due_date) && row.includes(yuan(b2.amount_due_fen)) && row.includes(yuan(b2.outstanding_fen)), row)
  assert.ok(row.includes(b2.bucket) && row.includes(`逾期 ${b2.days_overdue} 天`), row)
  // the payment history: our receipt links to the voucher
  const link = page.locator('.payments .voucher-link', { hasText: voucher.voucher_no })
  assert.equal(await link.getAttribute('href'), '/books/vouchers/' + voucher.id)
  assert.equal(await page.locator('.payments .el-table__body tr.el-table__row').count(), d.payments.length)
  await page.setViewportSize({ width: 1366, height: 1300 })
  await shot(page, 'contract-detail.png')
  await page.setViewportSize({ width: 1366, height: 860 })

  await link.click()
  await page.waitForURL(srv.base + '/books/vouchers/' + voucher.id)
})

test('a project: its timeline, a refused step and a step recorded through the page', async () => {
  const cun = await apiLogin(srv.base, 'cun1')
  // a generated project with the most steps, for the picture
  const all = (await cun.call('GET', `/projects?village=${v1.code}&per_page=100`)).json.items
  const full = all.find((p) => p.accepted_date && p.procurement !== '直接委托') || all[0]
  // a fresh project registered today: its next step is 镇预审
  const reg = await cun.call('POST', '/projects', {
    village_code: v1.code,
    project_no: 'GC-UI-01',
    name: '三组路灯更换',
    kind: '工程',
    budget: '18000.00',
    procurement: '竞争性比选',
    date: today()
  })
  assert.equal(reg.status, 201, reg.text)
  const pid = reg.json.id

  // the village opens it from the project list and tries to start work first
  await login('cun1')
  await page.goto(srv.base + '/trades?tab=projects')
  await page.getByPlaceholder('项目编号、名称或承接方').fill('GC-UI-01')
  await page.getByRole('button', { name: '查询' }).click()
  await page.locator('.project-link', { hasText: 'GC-UI-01' }).click()
  await page.waitForURL(srv.base + '/trades/projects/' + pid)
  await page.locator('.project-timeline').waitFor()
  assert.ok(await page.locator('button.next-step').isDisabled(), '镇预审 is not the village’s to record')
  await page.locator('.other-steps button').click()
  await page.locator('.el-dropdown-menu__item:visible', { hasText: '登记「开工」' }).click()
  const dlg = page.locator('.el-dialog:visible')
  await dlg.getByRole('button', { name: '登记', exact: true }).click()
  const refusal = dlg.locator('.el-form-item__error, .el-alert__title').first()
  await refusal.waitFor()
  const msg = await refusal.innerText()
  assert.match(msg, /「镇预审」尚未完成，不能登记「开工」/)
  assert.match(msg, /不得先实施后补手续/)
  await dlg.getByRole('button', { name: '取消' }).click()
  const after1 = (await cun.call('GET', '/projects/' + pid)).json
  assert.equal(after1.project.start_date, null, 'nothing written')

  // the township's commission records 镇预审 through the page
  await login('jiwei1')
  await page.goto(srv.base + '/trades/projects/' + pid)
  await page.locator('button.next-step', { hasText: '镇预审' }).click()
  const dlg2 = page.locator('.el-dialog:visible')
  await dlg2.locator('textarea').fill('同意实施，按竞争性比选确定施工单位')
  await dlg2.getByRole('button', { name: '登记', exact: true }).click()
  await dlg2.waitFor({ state: 'hidden' })
  const item = page.locator('.project-timeline .el-timeline-item', { has: page.locator('[data-step="镇预审"]') })
  await page.waitForFunction(() => {
    const el = [...document.querySelectorAll('.project-timeline .el-timeline-item')].find((e) => e.querySelector('[data-step="镇预审"]'))
    return el && /jiwei1/.test(el.innerText)
  })
  const text = await item.innerText()
  assert.ok(text.includes(today()), text)
  assert.ok(text.includes('结论：通过') && text.includes('同意实施'), text)
  const api = (await cun.call('GET', '/projects/' + pid)).json
  assert.equal(api.project.review_date, today())
  assert.equal(api.steps.find((s) => s.next).step, '审批')
  assert.match(await page.locator('.next-step').innerText(), /审批/)

  // the picture: a generated project through to acceptance
  await page.goto(srv.base + '/trades/projects/' + full.id)
  await page.locator('.project-timeline').waitFor()
  await page.waitForFunction(() => /登记：/.test(document.querySelector('.project-timeline').innerText))
  const fullApi = (await cun.call('GET', '/projects/' + full.id)).json
  assert.equal(await page.locator('.project-timeline .el-timeline-item').count(), fullApi.steps.length)
  assert.equal(await page.locator('.bids .el-table__body tr.el-table__row').count(), fullApi.bids.length)
  assert.equal(await page.locator('.payments .el-table__body tr.el-table__row').count(), fullApi.payments.length)
  // steps left out before done ones are flagged (imports carry no 镇预审)
  const gaps = fullApi.steps.slice(0, fullApi.steps.map((x) => x.done).lastIndexOf(true)).filter((x) => !x.done)
  if (gaps.length) assert.match(await page.locator('.gaps').innerText(), /不得先实施后补手续/)
  await page.setViewportSize({ width: 1366, height: 1400 })
  await shot(page, 'project-timeline.png')
  await page.setViewportSize({ width: 1366, height: 860 })
})
