// 任务清单 and 家风与纪法教育 in a real browser against `qinglian serve` on a
// generated township: 纪委 loads the programme's measures and hands a task
// down to every village; a village cadre is refused 100 % without evidence,
// uploads the evidence and completes the task, which the board counts; a
// warning case enters the library and a village's 以案五说 session cites it;
// a 好家风家庭 is recorded; the 村规民约 page of a village opens.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, apiLogin, readGen, PASSWORD } from './harness.mjs'

let srv
let br
let page
let villages
let v1

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

const rows = () => page.locator('.data-table .el-table__body tr.el-table__row')
const dialog = (title) => page.locator('.el-dialog', { has: page.locator('.el-dialog__title', { hasText: title }) })
const formItem = (scope, label) => scope.locator('.el-form-item', { has: page.locator('.el-form-item__label', { hasText: label }) })
const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)

async function pick(scope, label, text) {
  await formItem(scope, label).locator('.el-select__wrapper').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

test('a task handed to every village, completed with evidence, counted on the board', async () => {
  await login('jiwei1')
  await page.locator('.el-menu-item', { hasText: '年度任务' }).click()
  await page.waitForURL(srv.base + '/plan/tasks')
  await page.getByRole('button', { name: '载入措施清单' }).click()
  await page.locator('.el-message--success', { hasText: '已载入' }).waitFor()
  await page.getByRole('button', { name: '下达任务' }).click()
  const d = dialog('下达任务')
  await pick(d, '措施', 'M03')
  await formItem(d, '任务内容').locator('textarea').fill('组织村干部签订年度廉政承诺书')
  await pick(d, '责任单位', '各村居党组织')
  const due = formItem(d, '完成时限').locator('input')
  await due.fill(today().slice(0, 4) + '-12-31')
  await due.press('Enter')
  await d.getByRole('button', { name: '保存' }).click()
  await d.waitFor({ state: 'hidden' })
  await page.locator('.el-message--success', { hasText: `已下达到 ${villages.length} 个村（居）` }).waitFor()
  await page.waitForFunction((n) => document.querySelectorAll('.data-table .el-table__body tr.el-table__row').length === n, villages.length)

  await login('cun1')
  await page.goto(srv.base + '/plan/tasks')
  await rows().first().waitFor()
  assert.equal(await rows().count(), 1, 'a village sees its own task')
  await rows().first().locator('a').click()
  await page.waitForURL(/\/plan\/tasks\/\d+$/)
  await page.locator('.task-title', { hasText: '廉政承诺书' }).waitFor()
  await page.getByRole('button', { name: '报送进展' }).click()
  let n = dialog('报送进展')
  await formItem(n, '完成进度').locator('input').fill('100')
  await formItem(n, '进展情况').locator('textarea').fill('全部签订完毕')
  await n.getByRole('button', { name: '保存' }).click()
  await n.locator('.el-form-item__error, .form-error', { hasText: '佐证' }).first().waitFor()
  await n.getByRole('button', { name: '取消' }).click()
  await page.locator('input[type=file]').setInputFiles({ name: '承诺书签订表.txt', mimeType: 'text/plain', buffer: Buffer.from('签订表：书记、主任……', 'utf8') })
  await page.getByRole('button', { name: '承诺书签订表.txt' }).waitFor()
  await page.getByRole('button', { name: '报送进展' }).click()
  n = dialog('报送进展')
  await formItem(n, '完成进度').locator('input').fill('100')
  await formItem(n, '进展情况').locator('textarea').fill('全部签订完毕')
  await n.getByRole('button', { name: '保存' }).click()
  await n.waitFor({ state: 'hidden' })
  await page.locator('.el-card__header .el-tag', { hasText: '已完成' }).waitFor()

  await page.locator('.el-menu-item', { hasText: '推进看板' }).click()
  await page.waitForURL(srv.base + '/plan/board')
  const m03 = page.locator('.plan-board .el-table__body tr', { hasText: 'M03' })
  await m03.waitFor()
  const cells = await m03.locator('td').allInnerTexts()
  assert.equal(cells[2].trim(), '1', 'one task in the village user\'s scope')
  assert.equal(cells[3].trim(), '1', 'done')
})

test('a warning case in the library, cited by a 以案五说 session; 村规民约 opens', async () => {
  await login('jiwei1')
  await page.locator('.el-menu-item', { hasText: '警示教育案例库' }).click()
  await page.waitForURL(srv.base + '/edu/cases')
  await page.getByRole('button', { name: '新增案例' }).click()
  const d = dialog('新增警示案例')
  await formItem(d, '案例标题').locator('input').fill('某村报账员挪用集体资金案')
  await pick(d, '问题类别', '侵占挪用集体资金')
  await formItem(d, '基本案情').locator('textarea').fill('报账员利用职务便利挪用集体资金12万元。')
  await d.getByRole('button', { name: '保存' }).click()
  await d.waitFor({ state: 'hidden' })
  await rows().filter({ hasText: '某村报账员挪用集体资金案' }).waitFor()

  await login('cun1')
  await page.locator('.el-menu-item', { hasText: '教育活动' }).click()
  await page.waitForURL(srv.base + '/edu/activities')
  await page.getByRole('button', { name: '登记活动' }).click()
  const a = dialog('登记活动')
  await pick(a, '活动类型', '以案五说')
  await pick(a, '警示案例', '某村报账员挪用集体资金案')
  await formItem(a, '活动名称').locator('input').fill('以案五说警示教育会')
  await formItem(a, '参加对象').locator('input').fill('村两委成员、党员代表')
  await formItem(a, '应到人数').locator('input').fill('20')
  await formItem(a, '实到人数').locator('input').fill('18')
  await a.getByRole('button', { name: '保存' }).click()
  await a.waitFor({ state: 'hidden' })
  const row = rows().filter({ hasText: '以案五说警示教育会' })
  await row.waitFor()
  assert.ok((await row.innerText()).includes('90.0%'))
  await page.getByRole('tab', { name: '统计' }).click()
  const stat = page.locator('.edu-stats .el-table__body tr', { hasText: '以案五说' })
  await stat.waitFor()
  const sc = (await stat.locator('td').allInnerTexts()).map((x) => x.trim())
  assert.deepEqual(sc.slice(2), ['1', '20', '18', '90.0%'])
  const api = await apiLogin(srv.base, 'jiwei1')
  const cases = (await api.call('GET', '/edu/cases')).json
  assert.equal(cases.items.find((c) => c.title === '某村报账员挪用集体资金案').used, 1)

  await page.locator('.el-menu-item', { hasText: '好家风家庭' }).click()
  await page.waitForURL(srv.base + '/edu/families')
  await page.getByRole('button', { name: '登记好家风家庭' }).click()
  const f = dialog('登记好家风家庭')
  await formItem(f, '户号').locator('input').fill('0005')
  await formItem(f, '户主').locator('input').fill('陈东卫')
  await formItem(f, '事迹').locator('textarea').fill('孝老爱亲，家风淳朴')
  await f.getByRole('button', { name: '保存' }).click()
  await f.waitFor({ state: 'hidden' })
  await rows().filter({ hasText: '孝老爱亲' }).waitFor()

  await page.locator('.el-menu-item', { hasText: '村规民约' }).click()
  await page.waitForURL(srv.base + '/edu/village-rules')
  await page.locator('.rules').getByText('尚未登记村规民约').waitFor()
  await page.getByRole('button', { name: '登记新版本' }).waitFor()
})
