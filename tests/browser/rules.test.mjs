// 大数据监督预警 in a real browser against `qinglian serve` on a generated
// township (gen plants each rule's pattern; the commission runs a scan through
// the API so the alerts are there before the pages load): the board's heat map
// of villages × rule families and the list, a cell click filtering the list to
// that village and family; an alert's detail with the records it cites linked
// to their pages; and the verification workflow driven by its buttons —
// 交办 to an inspector picked from the list, 核查, 补充证据 as real files (a
// PDF with its 说明 and a PNG uploaded through the dialog, listed with size and
// uploader, downloadable as an attachment with nosniff; an executable named
// .jpg refused at the file field), a 不属实 verdict refused without its reason
// (the server's Chinese message at the field), then given with one, the state
// and the log's history shown. Screenshots go to tests/out/browser/
// alert-board.png and alert-detail.png.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { startServer, launch, shot, apiLogin, readGen, PASSWORD } from './harness.mjs'

let srv
let br
let page
let villages
let jw
let grid
let alert // the alert whose detail and workflow are driven

// Evidence files: a small PDF (a scanned record) and a 1×1 PNG (a photo).
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% 村民代表会议记录第 12 页\n%%EOF\n', 'utf8')
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64'
)
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex')

before(async () => {
  srv = await startServer((gen) => {
    villages = readGen(gen, 'villages.csv')
    return [
      { name: 'jiwei1', role: 'jiwei' },
      { name: 'ducha1', role: 'inspector', village: villages[0].code }
    ]
  })
  jw = await apiLogin(srv.base, 'jiwei1')
  const s = await jw.call('POST', '/rules/scan', {})
  assert.equal(s.status, 200, s.text)
  assert.ok(s.json.findings > 0, 'gen plants alerts')
  const g = await jw.call('GET', '/rules/grid')
  assert.equal(g.status, 200, g.text)
  grid = g.json
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

async function quiet() {
  await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 })
}

const dialog = (title) => page.locator('.el-dialog', { has: page.locator('.el-dialog__title', { hasText: title }) })
const formItem = (scope, label) => scope.locator('.el-form-item', { has: page.locator('.el-form-item__label', { hasText: label }) })
// The console scrolls inside its main area: a taller window for a whole-page shot.
async function tall(fn) {
  await page.setViewportSize({ width: 1366, height: 1400 })
  await page.waitForTimeout(300) // charts follow the resize
  try {
    await fn()
  } finally {
    await page.setViewportSize({ width: 1366, height: 860 })
  }
}

const rows = () => page.locator('.data-table .el-table__body tr.el-table__row')

test('the grid API: every village in scope × every family, with the risk colour', () => {
  assert.equal(grid.villages.length, villages.length)
  assert.deepEqual(
    grid.families.map((f) => f.family),
    ['B', 'C', 'D', 'K', 'M', 'P', 'R', 'S']
  )
  assert.equal(grid.cells.length, villages.length * 8)
  for (const v of grid.villages) {
    const mine = grid.cells.filter((c) => c.village === v.village)
    assert.equal(
      mine.reduce((s, c) => s + c.count, 0),
      v.open,
      `${v.name}: the cells add up to its open alerts`
    )
    const worst = v.high ? 'red' : v.medium || v.low >= 3 ? 'yellow' : 'green'
    assert.equal(v.level, worst, `${v.name}: colour as the engine computes it`)
  }
})

test('the board: heat map and list; a cell filters the list to its village and family', async () => {
  await login('jiwei1')
  await page.locator('.el-menu-item', { hasText: '监督预警' }).click()
  await page.waitForURL(/\/alerts$/)
  const chart = page.locator('.alert-grid')
  await chart.locator('canvas').first().waitFor()
  await page.waitForFunction(() => {
    const el = document.querySelector('.alert-grid')
    return el && el.dataset.cells && JSON.parse(el.dataset.cells).length > 0
  })
  await rows().first().waitFor()
  const total = grid.villages.reduce((s, v) => s + v.open, 0)
  assert.ok(total > 0)
  // every village's name with its colour is on the y axis (canvas), and the
  // legend chips name the red/yellow ones
  for (const v of grid.villages.filter((x) => x.level !== 'green')) await page.locator('.risk-chip', { hasText: v.name }).waitFor()
  await quiet()
  await tall(() => shot(page, 'alert-board.png'))

  // The busiest cell: click it on the canvas.
  const cell = [...grid.cells].sort((a, b) => b.count - a.count)[0]
  const v = grid.villages.find((x) => x.village === cell.village)
  const at = JSON.parse(await chart.getAttribute('data-cells')).find((c) => c.village === cell.village && c.family === cell.family)
  const box = await chart.locator('canvas').first().boundingBox()
  await page.mouse.click(box.x + at.x, box.y + at.y)
  await page.waitForURL((u) => u.searchParams.get('village') === cell.village && u.searchParams.get('family') === cell.family)
  await page.locator('.pager', { hasText: `共 ${cell.count} 条` }).waitFor()
  const texts = await rows().allInnerTexts()
  assert.ok(texts.length > 0 && texts.length <= Math.min(cell.count, 20))
  for (const t of texts) assert.ok(t.includes(v.name), `row of ${v.name}: ${t}`)
  const r = await jw.call('GET', `/alerts?village=${cell.village}&family=${cell.family}&state=open&per_page=100`)
  assert.equal(r.json.total, cell.count, 'the list holds what the cell counts')
  for (const it of r.json.items) assert.equal(it.family, cell.family)

  // The severity filter narrows the list further (server-side).
  await page.locator('.f-severity .el-select__wrapper').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: cell.worst_label }).click()
  const sev = await jw.call('GET', `/alerts?village=${cell.village}&family=${cell.family}&state=open&severity=${cell.worst}&per_page=1`)
  await page.locator('.pager', { hasText: `共 ${sev.json.total} 条` }).waitFor()
})

test('an alert: rule, basis, message, and every cited record linked to its page', async () => {
  // A new alert citing records of the most kinds that have a console page
  // (a contract with the cadre's post and the declared relation, say).
  const list = await jw.call('GET', '/alerts?state=new&per_page=200')
  const linked = ['book_vouchers', 'matters', 'contracts', 'projects', 'positions', 'relatives', 'matter_steps', 'complaints', 'villages']
  let best = null
  for (const it of list.json.items) {
    const d = await jw.call('GET', `/alerts/${it.id}`)
    const kinds = new Set(d.json.evidence.map((e) => e.entity).filter((e) => linked.includes(e))).size
    if (!best || kinds > best.kinds) best = { kinds, alert: d.json }
  }
  assert.ok(best && best.kinds > 0, 'an alert citing a record with a console page')
  alert = best.alert

  await page.goto(`${srv.base}/alerts/${alert.id}`)
  await page.locator('.title', { hasText: alert.rule_name }).waitFor()
  await page.locator('.rule-code', { hasText: alert.rule }).waitFor()
  await page.locator('.message', { hasText: alert.message.slice(0, 20) }).waitFor()
  assert.ok(alert.basis && alert.basis.length > 4)
  await page.locator('.facts', { hasText: alert.basis.slice(0, 12) }).waitFor()
  await page.locator('.state-tag', { hasText: '新预警' }).waitFor()
  const links = page.locator('.cites a.cite-link')
  await links.first().waitFor()
  assert.equal(await page.locator('.cites .el-table__body tr').count(), alert.evidence.length)
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))
  const want = {
    book_vouchers: (e) => `/books/vouchers/${e.id}`,
    matters: (e) => `/power/matters/${e.id}`,
    contracts: (e) => `/assets/contracts/${e.id}`,
    projects: (e) => `/trades/projects/${e.id}`,
    positions: (e) => `/people/${e.value.person_id}`,
    villages: (e) => `/villages/${e.value.code}`,
    complaints: (e) => `/complaints/${e.id}`,
    matter_steps: (e) => `/power/matters/${e.value.matter_id}`,
    relatives: (e) => `/people/${e.value.cadre_id}`
  }
  for (const e of alert.evidence) if (want[e.entity]) assert.ok(hrefs.includes(want[e.entity](e)), `${e.entity} ${e.id} linked: ${hrefs}`)
  await page.locator('.history', { hasText: '扫描发现' }).waitFor()

  // A link opens the record's own page.
  const first = alert.evidence.find((e) => want[e.entity])
  await page.locator(`.cites a.cite-link[href="${want[first.entity](first)}"]`).first().click()
  await page.waitForURL(srv.base + want[first.entity](first))
  await page.goBack()
  await page.locator('.title', { hasText: alert.rule_name }).waitFor()
})

test('verification: 交办 → 核查 → 不属实 refused without a reason → with one; history', async () => {
  const inspectorHere = alert.village === villages[0].code
  await page.goto(`${srv.base}/alerts/${alert.id}`)
  await page.locator('.state-tag', { hasText: '新预警' }).waitFor()

  // 交办: the picker offers the commission and this village's inspector.
  await page.getByRole('button', { name: '交办核查' }).click()
  const ad = dialog('交办核查')
  await formItem(ad, '承办人').locator('.el-select__wrapper').click()
  const who = inspectorHere ? 'ducha1' : 'jiwei1'
  await page.locator('.el-select-dropdown__item:visible', { hasText: who }).click()
  if (!inspectorHere) assert.equal(await page.locator('.el-select-dropdown__item:visible', { hasText: 'ducha1' }).count(), 0)
  await formItem(ad, '交办意见').locator('textarea').fill('请调取原始凭证和会议记录核实')
  await ad.getByRole('button', { name: '交办' }).click()
  await ad.waitFor({ state: 'hidden' })
  await page.locator('.state-tag', { hasText: '已交办' }).waitFor()
  await page.locator('.notes', { hasText: '请调取原始凭证和会议记录核实' }).waitFor()

  // 核查
  await page.getByRole('button', { name: '记录核查情况' }).click()
  const cd = dialog('记录核查情况')
  await formItem(cd, '核查情况').locator('textarea').fill('调阅原始凭证及村民代表会议记录，支出有会议决议，程序完整')
  await cd.getByRole('button', { name: '保存' }).click()
  await cd.waitFor({ state: 'hidden' })
  await page.locator('.state-tag', { hasText: '核查中' }).waitFor()

  // 补充证据: a PDF with its 说明, then a PNG; both listed with size and uploader.
  const files = page.locator('.evidence-files')
  await files.getByText('尚无证据材料').waitFor()
  await page.getByRole('button', { name: '补充证据' }).click()
  const ed = dialog('补充证据')
  await ed.getByRole('button', { name: '上传' }).click()
  await formItem(ed, '证据文件').locator('.el-form-item__error', { hasText: '请选择证据文件' }).waitFor()
  await ed.locator('input[type=file]').setInputFiles({ name: '会议记录.pdf', mimeType: 'application/pdf', buffer: PDF })
  await formItem(ed, '说明').locator('textarea').fill('村民代表会议记录（第 12 页）照片 3 张')
  await ed.getByRole('button', { name: '上传' }).click()
  await ed.waitFor({ state: 'hidden' })
  const pdfRow = files.locator('.el-table__body tr', { hasText: '会议记录.pdf' })
  await pdfRow.waitFor()
  await pdfRow.getByText('村民代表会议记录（第 12 页）照片 3 张').waitFor()
  assert.match(await pdfRow.innerText(), new RegExp(`${PDF.length} B[\\s\\S]*jiwei1`))

  await page.getByRole('button', { name: '补充证据' }).click()
  await ed.locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG })
  await ed.getByRole('button', { name: '上传' }).click()
  await ed.waitFor({ state: 'hidden' })
  await files.locator('a.evidence-file', { hasText: '现场照片.png' }).waitFor()
  await page.locator('.evidence-files .el-card__header', { hasText: '证据材料（2）' }).waitFor()

  // An executable named as a photo: the server's refusal at the file field.
  await page.getByRole('button', { name: '补充证据' }).click()
  await ed.locator('input[type=file]').setInputFiles({ name: 'x.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('MZ\x90\x00this program cannot be run', 'latin1') })
  await ed.getByRole('button', { name: '上传' }).click()
  await formItem(ed, '证据文件').locator('.el-form-item__error', { hasText: '不能上传可执行文件' }).waitFor()
  await ed.getByRole('button', { name: '取消' }).click()
  await ed.waitFor({ state: 'hidden' })

  // What the server holds: the hashes, the uploader; the download is an
  // attachment, not sniffed, with the very bytes.
  const ev = await jw.call('GET', `/alerts/${alert.id}/evidence`)
  assert.equal(ev.status, 200, ev.text)
  assert.deepEqual(
    ev.json.items.map((f) => [f.filename, f.content_type, f.size, f.sha256, f.uploaded_by]),
    [
      ['会议记录.pdf', 'application/pdf', PDF.length, sha256(PDF), 'jiwei1'],
      ['现场照片.png', 'image/png', PNG.length, sha256(PNG), 'jiwei1']
    ]
  )
  const href = await files.locator('a.evidence-file', { hasText: '会议记录.pdf' }).getAttribute('href')
  assert.equal(href, ev.json.items[0].url)
  const dl = await fetch(srv.base + href, { headers: { Cookie: jw.cookie } })
  assert.equal(dl.status, 200)
  assert.match(dl.headers.get('content-disposition'), /^attachment; filename\*=UTF-8''%E4%BC%9A%E8%AE%AE%E8%AE%B0%E5%BD%95\.pdf$/)
  assert.equal(dl.headers.get('x-content-type-options'), 'nosniff')
  assert.equal(dl.headers.get('content-type'), 'application/pdf')
  assert.ok(Buffer.from(await dl.arrayBuffer()).equals(PDF), 'the downloaded bytes are the uploaded ones')
  // the log entry of the upload carries the file's hash
  const tr = await jw.call('GET', `/trail?entity=alert_evidence&key=${ev.json.items[0].id}`)
  assert.equal(tr.json.items[0].value.sha256, sha256(PDF))

  // 不属实 without a reason: the server refuses, its message at the field.
  await page.getByRole('button', { name: '核查结论' }).click()
  const vd = dialog('核查结论')
  await vd.getByText('不属实', { exact: true }).click()
  await vd.getByRole('button', { name: '保存' }).click()
  await formItem(vd, '结论理由').locator('.el-form-item__error', { hasText: '请填写结论理由' }).waitFor()
  assert.ok(await vd.isVisible(), 'the dialog stays open')
  const still = await jw.call('GET', `/alerts/${alert.id}`)
  assert.equal(still.json.state, 'checking', 'nothing was written')

  // With its reason.
  await formItem(vd, '结论理由').locator('textarea').fill('支出经村民代表会议决议，程序完整，预警所指情形不存在')
  await vd.getByRole('button', { name: '保存' }).click()
  await vd.waitFor({ state: 'hidden' })
  await page.locator('.state-tag', { hasText: '不属实' }).waitFor()
  await page.locator('.facts', { hasText: '支出经村民代表会议决议' }).waitFor()
  assert.equal(await page.getByRole('button', { name: '核查结论' }).count(), 0, 'no more steps on a dismissed alert')

  // The history from the log: raised, assigned, checked, judged — who and when.
  const hist = page.locator('.history')
  for (const step of ['扫描发现', '交办', '开始核查', '核查结论']) await hist.getByText(step, { exact: true }).first().waitFor()
  assert.match(await hist.innerText(), /jiwei1/)
  assert.match(await hist.innerText(), /结论：不属实（支出经村民代表会议决议/)
  const after = await jw.call('GET', `/alerts/${alert.id}`)
  assert.equal(after.json.state, 'dismissed')
  assert.equal(after.json.verdict, '不属实')
  await quiet()
  await tall(() => shot(page, 'alert-detail.png'))
})
