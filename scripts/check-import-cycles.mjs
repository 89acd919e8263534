// Fails when files of the libraries import each other in a cycle, type-only imports included
// (`npm run lint`). A cycle makes load order matter and hides which file a concept belongs to:
// move the shared type or function into a file both can import.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const IMPORT = /(?:import|export)\s+(?:type\s+)?[^;]*?from\s+'(\.[^']+)'/gs;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = new Set(sourceFiles('libs'));
const graph = new Map();
for (const file of files) {
  const targets = new Set();
  for (const [, target] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const resolved = normalize(join(dirname(file), target)).replace(/\.js$/, '.ts');
    if (files.has(resolved)) targets.add(resolved);
  }
  graph.set(file, targets);
}

// Tarjan's strongly connected components: every component of two or more files is a cycle.
let next = 0;
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function visit(file) {
  index.set(file, next);
  low.set(file, next);
  next += 1;
  stack.push(file);
  onStack.add(file);
  for (const target of graph.get(file)) {
    if (!index.has(target)) {
      visit(target);
      low.set(file, Math.min(low.get(file), low.get(target)));
    } else if (onStack.has(target)) {
      low.set(file, Math.min(low.get(file), index.get(target)));
    }
  }
  if (low.get(file) !== index.get(file)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(member);
  } while (member !== file);
  if (component.length > 1) cycles.push(component);
}
for (const file of graph.keys()) if (!index.has(file)) visit(file);

if (cycles.length > 0) {
  for (const cycle of cycles) console.error(`import cycle: ${cycle.sort().join(' <-> ')}`);
  process.exit(1);
}
console.log(`no import cycles among ${files.size} library files`);
