// House-style checks for one package (run from its folder by `pnpm lint`); prints each finding, exits 1 on any.
// See ../shared/notes/house-style.md: no Math.random, console.* or tf.setBackend in library code (apps may print),
// no default exports in src, named re-exports only in src/index.ts, a README and the publishing fields.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const dir = resolve('.');
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const isApps = pkg.name === '@isinglab/apps';
const findings = [];

function walk(d, out = []) {
  if (!existsSync(d)) return out;
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

for (const file of walk(join(dir, 'src'))) {
  const rel = file.slice(dir.length + 1);
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (/Math\.random\s*\(/.test(code)) findings.push(`${rel}:${i + 1}: Math.random in package code (take an Rng argument)`);
    if (/\bexport\s+default\b/.test(code)) findings.push(`${rel}:${i + 1}: default export (use named exports)`);
    const printsOk = isApps && !rel.startsWith('src/lib/');
    if (!printsOk && /\bconsole\.(log|warn|error|info|debug)\s*\(/.test(code)) {
      findings.push(`${rel}:${i + 1}: console output in library code (report through onProgress)`);
    }
    // The one exception: @isinglab/gnn's useBackend, whose whole job is switching when its caller asks.
    const backendHelper = pkg.name === '@isinglab/gnn' && rel === join('src', 'backend', 'use-backend.ts');
    if (!isApps && !backendHelper && /\btf\.setBackend\s*\(/.test(code)) findings.push(`${rel}:${i + 1}: tf.setBackend in library code`);
  });
}
const index = join(dir, 'src', 'index.ts');
if (!existsSync(index)) findings.push('src/index.ts is missing');
else {
  const body = readFileSync(index, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const statements = body.split(';').map((s) => s.trim()).filter(Boolean);
  for (const s of statements) {
    if (!/^export\s/.test(s)) findings.push(`src/index.ts: only re-exports belong here, found: ${s.slice(0, 60)}`);
    else if (!/\sfrom\s+['"]/.test(s) && s !== 'export {}') findings.push(`src/index.ts: declarations belong in topic files, found: ${s.slice(0, 60)}`);
  }
}
if (!existsSync(join(dir, 'README.md'))) findings.push('README.md is missing');
if (!existsSync(join(dir, 'LICENSE'))) findings.push('LICENSE is missing');
for (const field of ['exports', 'files', 'license', 'repository']) if (!(field in pkg)) findings.push(`package.json: "${field}" is missing`);
if (pkg.sideEffects !== false) findings.push('package.json: "sideEffects" must be false');
if (!pkg.files?.includes('dist')) findings.push('package.json: "files" must include dist');

for (const f of findings) console.error(`${pkg.name} ${f}`);
console.log(`${basename(dir)}: ${findings.length} house-style finding(s)`);
process.exit(findings.length ? 1 : 0);
