// The HTML report in a real browser (Debian's Chromium, driven by playwright-core): it loads with
// no console or page error and fetches nothing but itself; every selected rule-result is a visible
// row; search and filters show exactly the rows the XCCDF results say they should; sorting puts
// failures first; without JavaScript the rows still show; printing opens every detail and hides the
// filters. Screenshots and a PDF go to OUT_DIR.
// Usage: node report_browser.mjs PLAYWRIGHT_CORE_DIR REPORT.html EXPECTED.json OUT_DIR
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const [playwrightDir, reportPath, expectedPath, outDir] = process.argv.slice(2)
const { chromium } = (await import(pathToFileURL(path.join(playwrightDir, 'index.js')).href)).default
const expected = JSON.parse(readFileSync(expectedPath, 'utf8'))
const reportUrl = pathToFileURL(path.resolve(reportPath)).href

const failures = []
function check (condition, message) {
  if (!condition) failures.push(message)
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${message}`)
}
const sorted = list => [...list].sort()
const sameList = (a, b) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b))

// Host and rule id of every row the browser shows.
async function visibleRows (page) {
  const rows = page.locator('#rules tbody tr:visible')
  return rows.evaluateAll(list => list.map(row => `${row.cells[0].textContent} ${row.querySelector('.rid').textContent}`))
}

// Everything the page asks the network for, and everything it reports as an error.
function watch (page) {
  const seen = { requests: [], errors: [] }
  page.on('request', request => seen.requests.push(request.url()))
  page.on('console', message => { if (message.type() === 'error') seen.errors.push(`console: ${message.text()}`) })
  page.on('pageerror', error => seen.errors.push(`page error: ${error.message}`))
  return seen
}

async function withScript (browser) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  const seen = watch(page)
  await page.goto(reportUrl, { waitUntil: 'load' })

  const total = (await visibleRows(page)).length
  check(total === expected.total, `${total} visible rows, ${expected.total} selected rule-results in the XCCDF results`)
  check(await page.locator('#filters').isVisible(), 'the filters show once the script runs')
  await page.screenshot({ path: path.join(outDir, 'report.png') })

  for (const scenario of expected.scenarios) {
    await page.selectOption('select[name=result]', scenario.result)
    await page.fill('input[name=q]', scenario.term)
    const rows = await visibleRows(page)
    const label = `search "${scenario.term}", result "${scenario.result || 'all selected'}"`
    check(rows.length === scenario.rows.length, `${label}: ${rows.length} rows shown, ${scenario.rows.length} expected`)
    check(sameList(rows, scenario.rows), `${label}: the rows shown are the expected ones`)
    const counter = await page.locator('#shown').textContent()
    check(counter === String(scenario.rows.length), `${label}: the counter says ${counter}`)
  }
  const shown = expected.scenarios[0]
  await page.selectOption('select[name=result]', shown.result)
  await page.fill('input[name=q]', shown.term)
  await page.locator('#rules tbody tr:visible details').first().locator('summary').click()
  await page.locator('#results').scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(outDir, 'report-filtered.png') })

  await page.click('button[type=reset]')
  await page.waitForFunction(n => document.getElementById('shown').textContent === String(n), expected.total)
  check((await visibleRows(page)).length === expected.total, 'Clear shows every selected rule-result again')
  await page.click('#rules thead th:nth-child(2) button')
  const firstResult = await page.locator('#rules tbody tr:visible').first().getAttribute('data-result')
  check(firstResult === expected.worst, `sorting by result puts ${expected.worst} first (got ${firstResult})`)

  await page.emulateMedia({ media: 'print' })
  check(!(await page.locator('#filters').isVisible()), 'print: the filters are hidden')
  const lastEvidence = page.locator('#rules tbody tr:visible .evidence').last()
  check(await lastEvidence.isVisible(), 'print: details are open (the last row\'s evidence shows)')
  await page.pdf({ path: path.join(outDir, 'report-print.pdf'), format: 'A4', landscape: true, printBackground: true })
  await page.locator('#results').evaluate(section => section.scrollIntoView())
  await page.screenshot({ path: path.join(outDir, 'report-print.png') })

  check(seen.errors.length === 0, `no console or page errors${seen.errors.length ? ': ' + seen.errors.join('; ') : ''}`)
  const others = seen.requests.filter(url => url !== reportUrl)
  check(others.length === 0 && seen.requests.length === 1,
    `one request, the report itself${others.length ? '; also: ' + others.slice(0, 5).join(', ') : ''}`)
  check(await page.locator('script').count() === 1, 'one script element (the report\'s own)')
}

async function withoutScript (browser) {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  const seen = watch(page)
  await page.goto(reportUrl, { waitUntil: 'load' })
  const total = (await visibleRows(page)).length
  check(total === expected.total, `without JavaScript: ${total} visible rows, ${expected.total} expected`)
  check(!(await page.locator('#filters').isVisible()), 'without JavaScript: the filters stay hidden')
  check(seen.requests.length === 1 && seen.errors.length === 0, 'without JavaScript: one request, no errors')
  await context.close()
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
try {
  await withScript(browser)
  await withoutScript(browser)
} finally {
  await browser.close()
}
if (failures.length) {
  console.error(`${failures.length} failure(s)`)
  process.exit(1)
}
console.log(`report ${reportPath}: ${expected.total} rule-results, ${expected.scenarios.length} filter scenarios; ` +
  `screenshots in ${outDir}`)
