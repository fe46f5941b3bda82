// 年度考核 in a real browser against `qinglian serve` on a generated township:
// 纪委 sets last year's indicator tree from the suggested template (a tree
// whose weights do not sum to 100 refused at the field), the ranking shows
// every village with its grade, a village's breakdown shows how each computed
// score was reached, and a manual indicator is scored there (a score above
// the weight refused). A village user sees only its own row.
// Screenshots go to tests/out/browser/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, shot, apiLogin, readGen, PASSWORD } from './harness.mjs'

let srv
let br
let page
let villages
let v1
const YEAR = String(new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear() - 1)

before(async () => {
  srv = await startServer((gen) => {
    villages = readGen(gen, 'villages.csv')
    v1 = villages[0]
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

const dialog = (title) => page.locator('.el-dialog', { has: page.locator('.el-dialog__title', { hasText: title }) })
const formItem = (scope, label) => scope.locator('.el-form-item', { has: page.locator('.el-form-item__label', { hasText: label }) })

async function tallShot(name, height) {
  await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 })
  await page.setViewportSize({ width: 1440, height })
  await page.evaluate(() => {
    window.scrollTo(0, 0)
    for (const el of document.querySelectorAll('.main, .el-main')) el.scrollTop = 0
  })
  await page.waitForTimeout(300)
  await shot(page, name)
  await page.setViewportSize({ width: 1366, height: 860 })
}

test('indicator tree from the template, ranking, a village breakdown scored by hand', async () => {
  await login('jiwei1')
  await page.locator('.el-menu-item', { hasText: '考核排名' }).click()
  await page.waitForURL((u) => u.pathname === '/assess')
  await page.getByRole('button', { name: '设置指标体系' }).click()
  const ed = dialog(`${YEAR} 年度考核指标体系`)
  await ed.locator('.leaf').first().waitFor()
  await ed.locator('.weight-total', { hasText: '分值合计：100 分' }).waitFor()
  // 99 points: the server refuses, at the indicators.
  const w = ed.locator('.leaf .weight input').first()
  const orig = await w.inputValue()
  await w.fill(String(Number(orig) - 1))
  await w.blur()
  await ed.locator('.weight-total', { hasText: '应为 100 分' }).waitFor()
  await ed.getByRole('button', { name: '保存' }).click()
  await formItem(ed, '指标').locator('.el-form-item__error', { hasText: '100' }).waitFor()
  await w.fill(orig)
  await w.blur()
  await ed.getByRole('button', { name: '保存' }).click()
  await ed.waitFor({ state: 'hidden' })

  const api = await apiLogin(srv.base, 'jiwei1')
  const res = (await api.call('GET', `/assess/${YEAR}/results`)).json
  assert.equal(res.items.length, villages.length)
  const ranking = page.locator('.ranking .el-table__body-wrapper tr.el-table__row')
  await page.waitForFunction((n) => document.querySelectorAll('.ranking .el-table__body-wrapper tr.el-table__row').length === n, villages.length)
  const first = await ranking.first().innerText()
  assert.ok(first.includes(res.items[0].village_name) && first.includes(res.items[0].total), first)
  await page.locator('.summary', { hasText: '参评村（居）' }).waitFor()
  await tallShot('assess-ranking.png', 900)

  // A village's breakdown; score 8.1 by hand.
  await page.locator('.ranking a', { hasText: v1.name }).first().click()
  await page.waitForURL(srv.base + `/assess/${YEAR}/${v1.code}`)
  const before = (await api.call('GET', `/villages/${v1.code}/assess/${YEAR}`)).json
  const manual = before.items.find((i) => i.kind === 'manual')
  const computed = before.items.find((i) => i.kind === 'computed' && i.den > 0)
  await page.locator('.breakdown').getByText(`${computed.num_label} ${computed.num} ÷ ${computed.den_label} ${computed.den}`).first().waitFor()
  const row = page.locator('.breakdown .el-table__body-wrapper tr', { hasText: manual.name })
  await row.getByRole('button', { name: '评分' }).click()
  const sd = dialog(`评分：${manual.code}`)
  await sd.locator('.el-form-item', { hasText: '得分' }).first().locator('input').fill(String(manual.weight + 1))
  await formItem(sd, '评分依据').locator('textarea').fill('查阅三会一课记录及组织生活会台账，基本齐全')
  await formItem(sd, '评分人').locator('input').fill('考核组张三')
  await sd.getByRole('button', { name: '保存' }).click()
  await sd.locator('.el-form-item__error').first().waitFor()
  await sd.locator('.el-form-item', { hasText: '得分' }).first().locator('input').fill(String(manual.weight - 0.5))
  await sd.getByRole('button', { name: '保存' }).click()
  await sd.waitFor({ state: 'hidden' })
  const expected = (manual.weight - 0.5).toFixed(2)
  await row.getByText(expected, { exact: true }).waitFor()
  await row.getByText('考核组张三', { exact: false }).waitFor()
  const after = (await api.call('GET', `/villages/${v1.code}/assess/${YEAR}`)).json
  assert.equal(after.items.find((i) => i.code === manual.code).score, expected)
  await page.locator('.figures .total', { hasText: after.total }).waitFor()
  await tallShot('assess-village.png', 1900)
})

test('a village user sees only its own row', async () => {
  await login('cun1')
  await page.goto(srv.base + `/assess?year=${YEAR}`)
  await page.locator('.ranking .el-table__body-wrapper tr.el-table__row').first().waitFor()
  assert.equal(await page.locator('.ranking .el-table__body-wrapper tr.el-table__row').count(), 1)
  assert.equal(await page.getByRole('button', { name: '修改指标体系' }).count(), 0)
  assert.ok((await page.locator('.ranking .el-table__body-wrapper tr.el-table__row').innerText()).includes(v1.name))
})
