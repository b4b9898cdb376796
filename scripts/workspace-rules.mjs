// Checks the workspace's architectural rules; used by `pnpm lint` and by a test in @isinglab/apps.
//  1. Dependencies point one way: graph <- ising, exact, gnn <- ibg, fvs-van <- apps (a package may depend only on
//     packages of a lower layer; ALLOWED_EXTRA lists the documented exceptions).
//  2. No package imports another package's internals: only '@isinglab/<name>' and the subpaths in its exports map,
//     never '@isinglab/<name>/src/...', '/dist/...', or a relative path into another package folder.
//  3. Every '@isinglab/*' import is declared in package.json (dependencies, peer or dev dependencies).
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export const LAYERS = { graph: 0, ising: 1, exact: 1, gnn: 1, ibg: 2, 'fvs-van': 2, apps: 3 };
/** Same-layer edges the architecture allows, as "from->to". */
export const ALLOWED_EXTRA = new Set(['ising->gnn']);

const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'fixtures') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|mts|js|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

/** Returns a list of human-readable violations (empty when the workspace follows the rules). */
export function checkWorkspace(root) {
  const violations = [];
  const packagesDir = join(root, 'packages');
  const folders = readdirSync(packagesDir).filter((f) => existsSync(join(packagesDir, f, 'package.json')));
  const manifests = new Map();
  for (const folder of folders) {
    manifests.set(folder, JSON.parse(readFileSync(join(packagesDir, folder, 'package.json'), 'utf8')));
  }
  const byName = new Map([...manifests].map(([folder, pj]) => [pj.name, folder]));
  for (const [folder, pj] of manifests) {
    if (!(folder in LAYERS)) violations.push(`packages/${folder}: unknown package folder (add it to LAYERS)`);
    if (pj.name !== `@isinglab/${folder}`) violations.push(`packages/${folder}: name must be @isinglab/${folder} (got ${pj.name})`);
    const declared = new Set([
      ...Object.keys(pj.dependencies ?? {}),
      ...Object.keys(pj.peerDependencies ?? {}),
      ...Object.keys(pj.devDependencies ?? {}),
    ]);
    for (const dep of declared) {
      const target = byName.get(dep);
      if (!target) continue;
      const ok = LAYERS[target] < LAYERS[folder] || ALLOWED_EXTRA.has(`${folder}->${target}`);
      if (!ok) violations.push(`packages/${folder}/package.json: depends on ${dep}, which points the wrong way (graph <- ising, exact, gnn <- ibg, fvs-van <- apps)`);
    }
    const packageRoot = resolve(packagesDir, folder);
    for (const file of walk(packageRoot)) {
      const text = readFileSync(file, 'utf8');
      const where = relative(root, file);
      for (const match of text.matchAll(IMPORT_RE)) {
        const spec = match[1] ?? match[2] ?? match[3];
        if (!spec) continue;
        if (spec.startsWith('.')) {
          const target = resolve(file, '..', spec);
          const intoOtherPackage = target.startsWith(resolve(packagesDir) + sep) && !target.startsWith(packageRoot + sep);
          if (intoOtherPackage) {
            violations.push(`${where}: relative import '${spec}' reaches into another package (import '@isinglab/<name>' instead)`);
          }
          continue;
        }
        const m = /^(@isinglab\/[^/]+)(\/.*)?$/.exec(spec);
        if (!m) continue;
        const [, name, subpath] = m;
        const target = byName.get(name);
        if (!target) {
          violations.push(`${where}: imports unknown workspace package ${name}`);
          continue;
        }
        if (target === folder) {
          violations.push(`${where}: imports its own package by name ('${spec}'); use a relative import`);
          continue;
        }
        const exportsMap = manifests.get(target).exports ?? {};
        const key = subpath ? `.${subpath}` : '.';
        if (!(key in exportsMap) || key === './package.json') {
          violations.push(`${where}: imports '${spec}', which is not a public entry point of ${name} (internals of another package)`);
        }
        if (!declared.has(name)) violations.push(`${where}: imports ${name} without declaring it in package.json`);
      }
    }
  }
  return violations;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const violations = checkWorkspace(resolve(process.argv[2] ?? '.'));
  for (const v of violations) console.error(v);
  console.log(`workspace rules: ${violations.length} violation(s)`);
  process.exit(violations.length ? 1 : 0);
}
