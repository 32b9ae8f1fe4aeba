// Parses PowerShell scripts with the tree-sitter PowerShell grammar (npm: web-tree-sitter and
// tree-sitter-powershell, both WebAssembly, so no native build and no PowerShell needed) and
// prints every syntax error as FILE:LINE:COLUMN: text. Exit status 0 when every file parses, 1
// otherwise, 2 for a wrong command line. A grammar is not PowerShell's own parser: it catches
// unbalanced braces and quotes, broken pipelines and bad tokens, not every rule PowerShell has.
// Usage: node parse-ps1.mjs MODULES_DIR FILE.ps1...
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, ...files] = process.argv.slice(2);
if (!modules || files.length === 0) {
  console.error('usage: node parse-ps1.mjs NODE_MODULES_DIR FILE.ps1... (expected: at least one script)');
  process.exit(2);
}
const { Parser, Language } = await import(pathToFileURL(join(modules, 'web-tree-sitter', 'web-tree-sitter.js')).href);
await Parser.init();
const language = await Language.load(join(modules, 'tree-sitter-powershell', 'tree-sitter-powershell.wasm'));
const parser = new Parser();
parser.setLanguage(language);

let errors = 0;
for (const file of files) {
  const tree = parser.parse(readFileSync(file, 'utf8'));
  const walk = (node) => {
    if (node.isError || node.isMissing) {
      const at = node.startPosition;
      const text = node.text.split('\n')[0].slice(0, 60);
      console.log(`${file}:${at.row + 1}:${at.column + 1}: ${node.isMissing ? 'missing ' + node.type : 'syntax error near'} ${JSON.stringify(text)}`);
      errors++;
      return;
    }
    if (node.hasError) {
      for (const child of node.children) walk(child);
    }
  };
  walk(tree.rootNode);
  console.log(`${file}: ${tree.rootNode.hasError ? 'errors' : 'parsed'}`);
}
process.exit(errors === 0 ? 0 : 1);
