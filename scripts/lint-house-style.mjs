// Root lint: workspace-wide rules (dependency direction, no internals imports).
import { checkWorkspace } from './workspace-rules.mjs';

const violations = checkWorkspace(process.cwd());
for (const v of violations) console.error(v);
console.log(`workspace rules: ${violations.length} violation(s)`);
process.exit(violations.length ? 1 : 0);
