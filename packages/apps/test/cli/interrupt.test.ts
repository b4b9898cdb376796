import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const main = join(packageDir, 'src', 'cli', 'main.ts');
const dir = mkdtempSync(join(tmpdir(), 'isinglab-interrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('interrupting an experiment', () => {
  it('Ctrl-C (SIGINT) in the middle of a training epoch ends the process within seconds and writes no results', async () => {
    // the paper SPAI configuration: a training epoch of Setting 1 takes tens of seconds, in one synchronous loop
    const child = spawn(process.execPath, ['--import', 'tsx', main, 'experiment', 'spai', '--config', 'paper'], {
      // tsx resolves from the package; results go to the temporary folder
      cwd: packageDir,
      env: { ...process.env, ISINGLAB_RESULTS: join(dir, 'results') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let sentAt = 0;
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // the first progress line: training has started
      if (sentAt === 0 && / step \d+\/\d+: /.test(stderr)) {
        sentAt = Date.now();
        child.kill('SIGINT');
      }
    });
    const { code, signal } = await ended;
    expect(sentAt).toBeGreaterThan(0);
    expect(Date.now() - sentAt).toBeLessThan(5000);
    // Node's default: killed by the signal (no listener delays it)
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' });
    expect(stderr).not.toMatch(/internal error/);
    expect(existsSync(join(dir, 'results', 'spai', 'paper', 'results.json'))).toBe(false);
    expect(existsSync(join(dir, 'results', 'spai', 'paper', 'checkpoints', 'setting-1-seed-1.json'))).toBe(false);
  }, 60_000);
});
