// 资产资源与合同, 产权交易与小型项目 and 大数据监督预警 list pages in a real
// browser against `qinglian serve` on a generated township: each list reached
// from the menu, filtered or searched, and its rows checked against the API.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, apiLogin, PASSWORD } from './harness.mjs'

let srv
let br
let page

before(async () => {
  srv = await startServer([{ name: 'jiwei1', role: 'jiwei' }])
  br = await launch()
  page = await br.context.newPage()
})

after(async () => {
  if (br) await br.close()
  if (srv) await srv.stop()
})

const rows = () => page.locator('.data-table .el-table__body tr.el-table__row:visible')
const totalText = () => page.locator('.pager:visible .el-pagination__total, .pager.muted:visible').first().innerText()

async function waitRows(n) {
  await page.waitForFunction(
    (k) => [...document.querySelectorAll('.data-table .el-table__body tr.el-table__row')].filter((e) => e.offsetParent).length === k,
    n
  )
}

test('assets, contracts, trades and alerts lists', async () => {
  await br.context.clearCookies()
  await page.goto(srv.base + '/login')
  await page.getByPlaceholder('用户名').fill('jiwei1')
  await page.getByPlaceholder('密码').fill(PASSWORD)
  await page.locator('button[type=submit]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  const api = await apiLogin(srv.base, 'jiwei1')

  await page.locator('.el-menu-item', { hasText: '资产资源与合同' }).click()
  await page.waitForURL(srv.base + '/assets')
  const assets = (await api.call('GET', '/assets?per_page=20')).json
  await waitRows(Math.min(assets.total, 20))
  assert.match(await totalText(), new RegExp(String(assets.total)))

  await page.getByRole('tab', { name: '合同' }).click()
  const contracts = (await api.call('GET', '/contracts?per_page=1')).json
  const c = contracts.items[0]
  await page.getByPlaceholder('合同编号、标的或承包方').fill(c.contract_no)
  await page.getByRole('button', { name: '查询' }).click()
  await waitRows(1)
  assert.ok((await rows().first().innerText()).includes(c.counterparty))

  await page.locator('.el-menu-item', { hasText: '交易与项目' }).click()
  await page.waitForURL(srv.base + '/trades')
  const done = (await api.call('GET', '/trades?status=' + encodeURIComponent('成交') + '&per_page=100')).json
  await page.locator('.el-select', { hasText: '状态' }).first().click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '成交' }).click()
  await waitRows(Math.min(done.total, 20))
  for (const t of await rows().locator('td:last-child').allInnerTexts()) assert.equal(t.trim(), '成交')

  await page.locator('.el-menu-item', { hasText: '监督预警' }).click()
  await page.waitForURL(srv.base + '/alerts')
  const high = (await api.call('GET', '/alerts?severity=high&per_page=20')).json
  assert.ok(high.total > 0, 'the generated township raises high alerts')
  await page.locator('.el-select', { hasText: '等级' }).first().click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '高' }).click()
  await waitRows(Math.min(high.total, 20))
  assert.ok((await rows().first().innerText()).includes(high.items[0].message.slice(0, 10)))
})
