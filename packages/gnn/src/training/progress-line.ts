/** A one-line training progress report with an ETA; pure, so apps and the CLI decide where it goes. */

export interface TrainingProgress {
  /** Epochs completed (1-based count). */
  epoch: number;
  epochs: number;
  /** Milliseconds since training started. */
  elapsedMs: number;
  /** Named numbers to show, e.g. { loss: 0.31, 'val acc': 0.92 }. */
  metrics?: Record<string, number>;
  /**
   * Epochs (of `epoch`) already done before `elapsedMs` started, e.g. restored from a checkpoint: the count and the
   * bar include them, the ETA uses only the rate since then. @default 0
   */
  completedBefore?: number;
  /**
   * The caller's own estimate of the time left, in ms, where the work is not `epochs` equal steps (phases of unequal
   * cost, early stopping): shown as the ETA instead of the rate extrapolation; undefined or not finite: extrapolate.
   */
  remainingMs?: number;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}

/** e.g. `epoch 12/100 [#.........] 12%  loss 0.3100  val acc 0.9200  elapsed 4s  eta 29s` */
export function progressLine(progress: TrainingProgress): string {
  const { epoch, epochs, elapsedMs } = progress;
  const before = Math.min(progress.completedBefore ?? 0, epoch);
  const fraction = epochs > 0 ? Math.min(1, epoch / epochs) : 1;
  const width = 10;
  const filled = Math.round(fraction * width);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
  const metrics = Object.entries(progress.metrics ?? {})
    .map(([k, v]) => `${k} ${Number.isFinite(v) ? (Math.abs(v) >= 1000 ? v.toExponential(3) : v.toFixed(4)) : String(v)}`)
    .join('  ');
  const given = progress.remainingMs;
  const eta =
    epoch >= epochs ? '' : given !== undefined && Number.isFinite(given) ? `  eta ${duration(given)}` : epoch > before ? `  eta ${duration((elapsedMs / (epoch - before)) * (epochs - epoch))}` : '';
  return `epoch ${epoch}/${epochs} ${bar} ${Math.round(fraction * 100)}%${metrics ? `  ${metrics}` : ''}  elapsed ${duration(elapsedMs)}${eta}`;
}
