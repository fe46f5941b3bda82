// 村集体账务 in a real browser against `qinglian serve` on a generated township
// (its vouchers.csv and accounts.csv imported): a voucher entered from the
// keyboard (account autocomplete, "=" to balance, 大写, the live balance check),
// saved and submitted, a receipt attached, the approval chain signed by five
// people with the same-person refusal shown, posting from 我的待办, and the
// 科目余额表 with a drill-down to the voucher and an .xlsx export.
// Screenshots go to tests/out/browser/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { startServer, launch, shot, apiLogin, readGen, parseCsv, zipEntryText, OUT, PASSWORD } from './harness.mjs'

// A 1×1 PNG: a scanned receipt as far as the server can tell.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64'
)

let srv
let br
let page
let v1
let voucherId
let voucherNo

before(async () => {
  srv = await startServer((gen) => {
    v1 = readGen(gen, 'villages.csv')[0]
    return [
      { name: 'kj1', role: 'accountant', village: v1.code },
      { name: 'cun1', role: 'village', village: v1.code },
      { name: 'jw1', role: 'supervisor', village: v1.code },
      { name: 'shuji1', role: 'village', village: v1.code },
      { name: 'nongye1', role: 'dept', dept: '农业农村局' }
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

async function quiet() {
  await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 })
}

const foot = () => page.locator('.voucher-grid tfoot')

test('voucher entry from the keyboard: autocomplete, "=", 大写, balance check, save and submit', async () => {
  await login('kj1')
  await page.locator('.el-menu-item', { hasText: '凭证' }).first().click()
  await page.waitForURL(srv.base + '/books/vouchers')
  await page.locator('.data-table .el-table__body tr.el-table__row').first().waitFor()
  await page.getByRole('button', { name: '填制凭证' }).click()
  await page.waitForURL(srv.base + '/books/vouchers/new')
  const summary = page.locator('[data-head="summary"]')
  await summary.waitFor()
  await page.waitForFunction(() => document.activeElement && document.activeElement.getAttribute('data-head') === 'summary')

  await page.keyboard.type('购买办公用品')
  await page.keyboard.press('Enter') // → line 1 摘要 (copied)
  await page.keyboard.press('Enter') // → 科目
  await page.keyboard.type('办公')
  await page.locator('.el-autocomplete-suggestion li:visible', { hasText: '51302' }).waitFor()
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => document.activeElement && document.activeElement.getAttribute('data-cell') === '0-2')
  await page.keyboard.type('1234.5')
  await page.keyboard.press('Enter') // debit given → next line
  await page.waitForFunction(() => document.activeElement && document.activeElement.getAttribute('data-cell') === '1-0')
  assert.equal(await page.locator('[data-cell="1-0"]').inputValue(), '购买办公用品', 'a new line copies the 摘要')
  await page.keyboard.press('Enter')
  await page.keyboard.type('库存')
  await page.locator('.el-autocomplete-suggestion li:visible', { hasText: '库存现金' }).waitFor()
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter') // no debit → credit
  await page.keyboard.type('1000')
  await foot().getByText('借贷不平，差额 234.50 元').waitFor()
  assert.equal(await page.locator('[data-cell="0-1"]').inputValue(), '51302 办公费')

  // Saving an unbalanced voucher is refused with the reason.
  await page.keyboard.press('Control+s')
  await page.locator('.lines-error', { hasText: '借贷不平衡' }).waitFor()

  // "=" fills the amount that balances it.
  await page.locator('[data-cell="1-3"]').fill('')
  await page.locator('[data-cell="1-3"]').press('=')
  await foot().getByText('借贷平衡').waitFor()
  assert.equal(await page.locator('[data-cell="1-3"]').inputValue(), '1234.50')
  assert.match(await foot().innerText(), /壹仟贰佰叁拾肆元伍角整/)
  assert.match(await foot().innerText(), /1,234\.50\s+1,234\.50/)
  await page.locator('[data-cell="1-3"]').blur()
  await quiet()
  await shot(page, 'voucher-entry.png')

  // Ctrl+Enter: saved and submitted (经办).
  await page.locator('[data-cell="1-3"]').press('Control+Enter')
  await page.waitForURL(/\/books\/vouchers\/\d+$/)
  voucherId = Number(new URL(page.url()).pathname.split('/').pop())
  await page.locator('.el-message--success', { hasText: '已保存并提交审批' }).waitFor()
  await page.getByText('待「证明」').waitFor()
  voucherNo = (await page.locator('.voucher-no').innerText()).replace('凭证号：', '').trim()
  assert.match(voucherNo, /^\d{4}-\d{4}$/)
  assert.match(await page.locator('.lines tfoot').innerText(), /壹仟贰佰叁拾肆元伍角整/)

  // A scanned receipt, stored under its hash.
  await page.locator('.voucher-detail input[type=file]').setInputFiles({ name: '发票.png', mimeType: 'image/png', buffer: PNG })
  await page.locator('.attachment', { hasText: '发票.png' }).waitFor()
  await logout()
})

test('the approval chain: 证明 from the inbox, the same person refused as 书记, posting from 我的待办', async () => {
  await login('cun1')
  await page.locator('.el-menu-item', { hasText: '凭证审批' }).click()
  await page.waitForURL(srv.base + '/books/inbox')
  const row = page.locator('.data-table .el-table__body tr', { hasText: voucherNo })
  await row.waitFor()
  assert.match(await row.innerText(), /待证明/)
  await row.getByRole('link', { name: '审批' }).click()
  await page.waitForURL(srv.base + '/books/vouchers/' + voucherId)
  await page.getByRole('button', { name: '同意（证明）' }).click()
  let d = page.locator('.el-dialog', { hasText: '审批同意' })
  await d.locator('textarea').fill('确已购入，数量相符')
  await d.getByRole('button', { name: '同意' }).click()
  await d.waitFor({ state: 'hidden' })
  await page.getByText('待「监委会审核」').waitFor()
  await page.locator('.approvals', { hasText: '确已购入，数量相符' }).waitFor()

  const jw = await apiLogin(srv.base, 'jw1')
  const r3 = await jw.call('POST', `/vouchers/${voucherId}/approve`, { comment: '监委会审核无异议' })
  assert.equal(r3.status, 200, r3.text)

  // The 证明 cadre may not also approve as 书记: the server says so.
  await page.reload()
  await page.getByRole('button', { name: '同意（书记审批）' }).click()
  d = page.locator('.el-dialog', { hasText: '审批同意' })
  await d.getByRole('button', { name: '同意' }).click()
  const refusal = d.locator('.form-error')
  await refusal.waitFor()
  assert.match(await refusal.innerText(), /[\u4e00-\u9fff]/)
  await d.getByRole('button', { name: '取消' }).click()
  await page.getByText('待「书记审批」').waitFor()
  await logout()

  for (const [who, comment] of [
    ['shuji1', '同意支付'],
    ['nongye1', '镇审核通过']
  ]) {
    const s = await apiLogin(srv.base, who)
    const r = await s.call('POST', `/vouchers/${voucherId}/approve`, { comment })
    assert.equal(r.status, 200, `${who}: ${r.text}`)
  }

  await login('kj1')
  await page.locator('.el-menu-item', { hasText: '我的待办' }).click()
  const todo = page.locator('.task-inbox .el-table__body tr', { hasText: voucherNo })
  await todo.waitFor()
  assert.match(await todo.innerText(), /凭证待记账/)
  await todo.locator('a').click()
  await page.waitForURL(srv.base + '/books/vouchers/' + voucherId)
  await page.getByRole('button', { name: '记账', exact: true }).click()
  await page.locator('.el-tag', { hasText: '已记账' }).first().waitFor()
  assert.equal(await page.locator('.approvals .el-timeline-item').count(), 5, 'five signatures')
  await page.getByRole('button', { name: '红字冲销' }).waitFor()
})

test('科目余额表: period picker, drill-down to the voucher, .xlsx export', async () => {
  const year = voucherNo.slice(0, 4)
  await page.locator('.el-menu-item', { hasText: '账务报表' }).click()
  await page.waitForURL(/\/books\/reports/)
  await page.locator('.report-title', { hasText: '科目余额表' }).waitFor()
  const row = page.locator('.report-table .el-table__body tr', { hasText: '办公费' })
  await row.waitFor()
  const cells = await row.locator('td').allInnerTexts()
  assert.ok(cells.some((c) => c.trim() === '1,234.50'), `办公费 this year includes the voucher: ${cells}`)
  await row.locator('.el-link', { hasText: /\d/ }).first().click()
  const drill = page.locator('.el-dialog', { hasText: '穿透查询' })
  const line = drill.locator('.el-table__body tr', { hasText: voucherNo })
  await line.waitFor()
  await line.getByRole('link', { name: voucherNo }).click()
  await page.waitForURL(srv.base + '/books/vouchers/' + voucherId)
  await page.goBack()
  await page.locator('.report-title', { hasText: '科目余额表' }).waitFor()

  // Last year's full books (the generated ones), balanced, exported.
  await page.goto(`${srv.base}/books/reports?report=trial-balance&village=${v1.code}&period=${Number(year) - 1}`)
  await page.locator('.report-sub', { hasText: '借贷平衡' }).waitFor()
  // The village's own sub-accounts (accounts.csv: village_code, code, name, parent_code) are there.
  const own = parseCsv(fs.readFileSync(path.join(srv.gen, 'accounts.csv'), 'utf8'))
    .slice(1)
    .filter((r) => r[0] === v1.code)
  assert.ok(own.length > 0)
  for (const r of own) await page.locator('.report-table').getByText(r[2], { exact: true }).first().waitFor()
  const downloaded = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出 Excel' }).click()
  const dl = await downloaded
  const file = path.join(OUT, 'trial-balance.xlsx')
  await dl.saveAs(file)
  const buf = fs.readFileSync(file)
  assert.equal(buf.subarray(0, 2).toString('latin1'), 'PK')
  const xml = zipEntryText(buf, 'xl/worksheets/sheet1.xml') + zipEntryText(buf, 'xl/sharedStrings.xml', true)
  assert.ok(xml.includes('库存现金'), 'the export holds the accounts')
  await quiet()
  await page.setViewportSize({ width: 1366, height: 1500 })
  await page.waitForTimeout(300)
  await shot(page, 'trial-balance.png')
  await page.setViewportSize({ width: 1366, height: 860 })
  await logout()
})
