// Stored XSS in a real browser: hostile text saved through the API (a complaint's
// subject and content, a published disclosure's title) is shown in the console's
// complaint list and detail and on the public portal as literal text, and never
// runs: no dialog opens (page.on('dialog') must never fire), no element the
// payload would create exists, and the page's own CSP reports nothing.
// Screenshots go to tests/out/browser/security-*.png.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, shot, apiLogin, readGen, PASSWORD } from './harness.mjs'

const XSS_SUBJECT = '<img src=x onerror=alert(1)>"><script>alert(2)</script>'
const XSS_CONTENT = "</textarea><svg onload=alert(3)>'\"><iframe src=javascript:alert(4)>"
const XSS_TITLE = '公开<script>alert(5)</script><b onmouseover=alert(6)>粗</b>'

let srv
let br
let page
let v1
const dialogs = []
const cspViolations = []

before(async () => {
  srv = await startServer((gen) => {
    v1 = readGen(gen, 'villages.csv')[0]
    return [
      { name: 'jiwei1', role: 'jiwei' },
      { name: 'cun1', role: 'village', village: v1.code },
      { name: 'jianwei1', role: 'supervisor', village: v1.code }
    ]
  })
  br = await launch()
  page = await br.context.newPage()
  page.on('dialog', async (d) => {
    dialogs.push(d.message())
    await d.dismiss()
  })
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text())
  })
})

after(async () => {
  if (br) await br.close()
  if (srv) await srv.stop()
})

let complaintId
let disclosureId

test('hostile text is stored through the API', async () => {
  const jw = await apiLogin(srv.base, 'jiwei1')
  const c = await jw.call('POST', '/complaints', {
    village_code: v1.code,
    channel: '来信',
    subject: XSS_SUBJECT,
    content: XSS_CONTENT,
    anonymous: true
  })
  assert.equal(c.status, 201, c.text)
  complaintId = c.json.id
  const back = await jw.call('GET', `/complaints/${complaintId}`)
  assert.equal((back.json.complaint || back.json).subject, XSS_SUBJECT, "stored verbatim")

  const cun = await apiLogin(srv.base, 'cun1')
  const d = await cun.call('POST', '/disclosures', {
    village_code: v1.code,
    item_code: 'CZ-01',
    period: '2026-01',
    title: XSS_TITLE,
    lines: [{ date: '2026-01-05', summary: '<script>alert(7)</script>', income: '100.00' }]
  })
  assert.equal(d.status, 201, d.text)
  disclosureId = d.json.id
  assert.equal((await cun.call('POST', `/disclosures/${disclosureId}/submit`)).status, 200)
  const sup = await apiLogin(srv.base, 'jianwei1')
  assert.equal((await sup.call('POST', `/disclosures/${disclosureId}/review`, { decision: '同意' })).status, 200)
  const pub = await cun.call('POST', `/disclosures/${disclosureId}/publish`, {})
  assert.equal(pub.status, 200, pub.text)
})

async function login(username) {
  await br.context.clearCookies()
  await page.goto(srv.base + '/login')
  await page.getByPlaceholder('用户名').fill(username)
  await page.getByPlaceholder('密码').fill(PASSWORD)
  await page.locator('button[type=submit]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

async function noScriptRan(where) {
  await page.waitForTimeout(500)
  assert.deepEqual(dialogs, [], `${where}: a dialog opened: ${dialogs.join(' | ')}`)
  // nothing the payloads would have created exists as an element
  const injected = await page.evaluate(
    () =>
      document.querySelectorAll('img[src="x"], svg[onload], iframe[src^="javascript"], b[onmouseover]').length
  )
  assert.equal(injected, 0, `${where}: payload markup became elements`)
}

test('the console shows the complaint literally in the list and the detail', async () => {
  await login('jiwei1')
  await page.goto(srv.base + '/complaints')
  await page.getByText(XSS_SUBJECT, { exact: false }).first().waitFor()
  await noScriptRan('complaint list')
  await shot(page, 'security-console-list.png')
  await page.goto(srv.base + `/complaints/${complaintId}`)
  await page.getByText(XSS_SUBJECT, { exact: false }).first().waitFor()
  await noScriptRan('complaint detail')
  await shot(page, 'security-console-detail.png')
})

test('the portal shows the disclosure literally', async () => {
  await page.goto(srv.base + `/p/${v1.code}/disclosures`)
  await page.getByText(XSS_TITLE, { exact: false }).first().waitFor()
  await noScriptRan('portal list')
  await page.goto(srv.base + `/p/${v1.code}/disclosures/${disclosureId}`)
  await page.getByText(XSS_TITLE, { exact: false }).first().waitFor()
  await page.getByText('<script>alert(7)</script>', { exact: false }).first().waitFor()
  await noScriptRan('portal detail')
  await shot(page, 'security-portal.png')
  assert.deepEqual(cspViolations, [], 'no inline script was even attempted against the CSP')
})
