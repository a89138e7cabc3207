// Parses PowerShell scripts with tree-sitter's PowerShell grammar and fails on any syntax error,
// naming the line. Usage: node powershell_parse.mjs MODULES_DIR SCRIPT...
import fs from 'fs'
import path from 'path'
import { createRequire } from 'module'
import { pathToFileURL } from 'url'

const [modules, ...scripts] = process.argv.slice(2)
// tree-sitter is CommonJS; the grammar is an ES module (with top-level await), so it is imported.
const require = createRequire(path.join(modules, 'package.json'))
const Parser = require('tree-sitter')
const grammar = path.join(modules, 'node_modules', 'tree-sitter-powershell', 'bindings', 'node', 'index.js')
const PowerShell = (await import(pathToFileURL(grammar).href)).default
const parser = new Parser()
parser.setLanguage(PowerShell)

let failed = false
for (const script of scripts) {
  const text = fs.readFileSync(script, 'utf8')
  const tree = parser.parse(text, null, { bufferSize: 8 * 1024 * 1024 })
  const problems = []
  const walk = node => {
    if (node.type === 'ERROR' || node.isMissing) problems.push(node)
    for (const child of node.children) walk(child)
  }
  walk(tree.rootNode)
  if (problems.length > 0) {
    failed = true
    const first = problems[0]
    const line = text.split('\n')[first.startPosition.row]
    console.log(`FAIL: ${script}:${first.startPosition.row + 1}:${first.startPosition.column + 1}: ` +
      `${problems.length} syntax error(s), the first in: ${line.trim().slice(0, 120)}`)
  } else {
    console.log(`${script}: parses (${text.split('\n').length} lines)`)
  }
}
process.exit(failed ? 1 : 0)
