// The HTML report in a real browser (Debian's Chromium, driven by playwright-core): it loads with
// no console or page error and fetches nothing but itself; the scoreboard draws a chart per host
// with its open and not reviewed counts; every rule selected on a host is a visible row; search and
// the status and host filters show exactly the rules the XCCDF results say they should; sorting by
// "Open" puts the rules open on most hosts first; dark mode is dark; without JavaScript the rows
// still show; printing opens every detail and hides the filters. Screenshots and a PDF go to OUT_DIR.
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

// The rule id of every row the browser shows.
async function visibleRows (page) {
  const rows = page.locator('#rules tbody tr[data-rule]:visible')
  return rows.evaluateAll(list => list.map(row => row.querySelector('.rid').textContent))
}

// Everything the page asks the network for, and everything it reports as an error.
function watch (page) {
  const seen = { requests: [], errors: [] }
  page.on('request', request => seen.requests.push(request.url()))
  page.on('console', message => { if (message.type() === 'error') seen.errors.push(`console: ${message.text()}`) })
  page.on('pageerror', error => seen.errors.push(`page error: ${error.message}`))
  return seen
}

async function scoreboard (page) {
  const cards = page.locator('#host-cards .card')
  check(await cards.count() === expected.hosts.length, `${await cards.count()} host charts, ${expected.hosts.length} hosts`)
  for (const [index, host] of expected.hosts.entries()) {
    const card = page.locator(`#host-cards .card[data-host="${index}"]`)
    const text = await card.locator('figcaption').textContent()
    check(text.includes(host.target), `host chart ${index} names ${host.target}`)
    check(text.includes(`${host.open} open`) && text.includes(`${host.unreviewed} not reviewed`),
      `host chart of ${host.target}: ${host.open} open and ${host.unreviewed} not reviewed, as its TestResult says`)
    const box = await card.locator('svg.donut').boundingBox()
    check(box && box.width > 50 && box.height > 50, `host chart of ${host.target} is drawn (${box && box.width}px)`)
  }
  check(await page.locator('#fleet-cards .card').count() >= 4, 'charts for every rule, frameworks, roles and categories')
  const header = await page.locator('header').textContent()
  check(header.includes('Release: 1 Benchmark Date'), 'the header names the STIG and its release')
}

async function withScript (browser) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  const seen = watch(page)
  await page.goto(reportUrl, { waitUntil: 'load' })

  const total = (await visibleRows(page)).length
  check(total === expected.total, `${total} visible rows, ${expected.total} rules selected on a host in the XCCDF results`)
  check(await page.locator('#filters').isVisible(), 'the filters show once the script runs')
  await scoreboard(page)
  await page.screenshot({ path: path.join(outDir, 'report.png') })

  for (const scenario of expected.scenarios) {
    await page.selectOption('select[name=result]', scenario.result)
    await page.selectOption('select[name=host]', scenario.host)
    await page.fill('input[name=q]', scenario.term)
    const rows = await visibleRows(page)
    const label = `search "${scenario.term}", status "${scenario.result || 'any'}", host "${scenario.host || 'all'}"`
    check(rows.length === scenario.rows.length, `${label}: ${rows.length} rows shown, ${scenario.rows.length} expected`)
    check(sameList(rows, scenario.rows), `${label}: the rows shown are the expected ones`)
    const counter = await page.locator('#shown').textContent()
    check(counter === String(scenario.rows.length), `${label}: the counter says ${counter}`)
    if (scenario.host !== '') {
      const others = await page.locator(`#rules tr[data-rule]:visible ul.hosts > li:not([data-host="${scenario.host}"]):visible`).count()
      check(others === 0, `${label}: only that host's results show in the rules' details`)
    }
  }
  const shown = expected.scenarios[0]
  await page.selectOption('select[name=result]', shown.result)
  await page.selectOption('select[name=host]', shown.host)
  await page.fill('input[name=q]', shown.term)
  await page.locator('#rules tbody tr[data-rule]:visible details').first().locator('summary').click()
  await page.locator('#results').scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(outDir, 'report-filtered.png') })

  await page.click('button[type=reset]')
  await page.waitForFunction(n => document.getElementById('shown').textContent === String(n), expected.total)
  check((await visibleRows(page)).length === expected.total, 'Clear shows every rule again')
  await page.click('#rules thead th:nth-child(1) button')
  const ordered = await page.locator('#rules tbody').evaluateAll(bodies => bodies.every(body => {
    const open = Array.from(body.querySelectorAll('tr[data-rule]'), row => (row.dataset.results.match(/\bfail\b/g) || []).length)
    return open.every((count, i) => i === 0 || open[i - 1] >= count)
  }))
  check(ordered, 'sorting by Open puts the rules open on most hosts first in every category')

  await page.emulateMedia({ colorScheme: 'dark' })
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  check(background === 'rgb(13, 17, 23)', `dark mode: the page is dark (${background})`)
  await page.screenshot({ path: path.join(outDir, 'report-dark.png') })
  await page.emulateMedia({ colorScheme: 'light' })

  await page.emulateMedia({ media: 'print' })
  check(!(await page.locator('#filters').isVisible()), 'print: the filters are hidden')
  const lastDetail = page.locator('#rules tbody tr[data-rule]:visible .detail').last()
  check(await lastDetail.isVisible(), 'print: details are open (the last row\'s details show)')
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
console.log(`report ${reportPath}: ${expected.total} rules on ${expected.hosts.length} hosts, ${expected.scenarios.length} filter scenarios; ` +
  `screenshots in ${outDir}`)
