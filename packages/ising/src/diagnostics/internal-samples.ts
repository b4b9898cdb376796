/** @internal Entry check for flat ±1 spin-sample arrays (sample s at [s·order, (s+1)·order)). Never re-exported. */
import { InvalidArgumentError, checkInteger, type CheckSite } from '@isinglab/graph';

/**
 * Checks `order` is a non-negative integer and `samples` an `Int8Array` of ±1 whose length is a multiple of it,
 * holding at least `minSamples` samples when order > 0 (order 0 requires an empty array). Names the first entry
 * that is not ±1 as `samples[i]`. Returns the number of samples (0 when order is 0).
 */
export function checkSamples(site: CheckSite, samples: unknown, order: unknown, minSamples: number): number {
  const n = checkInteger(site, 'order', order, { min: 0 });
  if (!(samples instanceof Int8Array)) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'samples',
      value: samples,
      rule: 'an Int8Array of ±1 spins, sample s at [s·order, (s+1)·order)',
    });
  }
  const length = samples.length;
  if (n === 0) {
    if (length !== 0) {
      throw new InvalidArgumentError({ ...site, argument: 'samples.length', value: length, rule: '0 when order is 0' });
    }
    return 0;
  }
  if (length % n !== 0 || length < minSamples * n) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'samples.length',
      value: length,
      rule: `a multiple of order = ${n}, at least ${minSamples * n} (${minSamples} sample${minSamples === 1 ? '' : 's'})`,
    });
  }
  for (let i = 0; i < length; i++) {
    const s = samples[i];
    if (s !== 1 && s !== -1) {
      throw new InvalidArgumentError({ ...site, argument: `samples[${i}]`, value: s, rule: '+1 or −1' });
    }
  }
  return length / n;
}
