// Feeds a checklist or XCCDF results file to STIG Manager's own parser (the one STIG Manager and
// its Watcher use) and prints what it understood as JSON: the target and, per checklist, the
// reviews (rule id, result, detail, comment). Usage: node stig_manager_parse.mjs MODULE_DIR KIND FILE
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import path from 'node:path'

// With a fourth argument "defaults", the import options and field settings are those a new
// STIG Manager collection has: a Not_Reviewed rule is imported only when it carries text, and then
// as an informational review.
const [moduleDir, kind, file, settings] = process.argv.slice(2)
const parser = await import(pathToFileURL(path.join(moduleDir, 'index.js')).href)

const roundTrip = {
  fieldSettings: {
    detail: { enabled: 'always', required: 'optional' },
    comment: { enabled: 'always', required: 'optional' }
  },
  importOptions: {
    autoStatus: 'saved',
    unreviewed: 'always',
    unreviewedCommented: 'notchecked',
    emptyDetail: 'import',
    emptyComment: 'import',
    allowCustom: true
  }
}
const collectionDefaults = {
  fieldSettings: {
    detail: { enabled: 'always', required: 'always' },
    comment: { enabled: 'findings', required: 'findings' }
  },
  importOptions: {
    autoStatus: 'saved',
    unreviewed: 'commented',
    unreviewedCommented: 'informational',
    emptyDetail: 'replace',
    emptyComment: 'ignore',
    allowCustom: true
  }
}
const options = {
  data: readFileSync(file, 'utf8'),
  ...(settings === 'defaults' ? collectionDefaults : roundTrip),
  allowAccept: false,
  sourceRef: file,
  scapBenchmarkMap: new Map()
}
const read = { ckl: parser.reviewsFromCkl, cklb: parser.reviewsFromCklb, xccdf: parser.reviewsFromXccdf }[kind]
const parsed = read(options)
console.log(JSON.stringify({
  target: parsed.target,
  errors: parsed.errors ?? [],
  checklists: parsed.checklists.map(c => ({
    benchmarkId: c.benchmarkId,
    revisionStr: c.revisionStr,
    reviews: c.reviews.map(r => ({ ruleId: r.ruleId, result: r.result, detail: r.detail, comment: r.comment }))
  }))
}))
