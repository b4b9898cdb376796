/**
 * Argument checks shared by isinglab packages. Each throws `InvalidArgumentError` with the house message shape.
 * They are public so sibling packages validate the same way; kernels in `internal/` never call them.
 */
import { InvalidArgumentError } from './errors.js';

/** Where a check runs: package short name and public function. */
export interface CheckSite {
  readonly pkg: string;
  readonly fn: string;
}

export function checkInteger(
  site: CheckSite,
  argument: string,
  value: unknown,
  range: { min?: number; max?: number } = {},
): number {
  const min = range.min ?? Number.MIN_SAFE_INTEGER;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError({ ...site, argument, value, rule: describeIntegerRange(min, max) });
  }
  return value;
}

function describeIntegerRange(min: number, max: number): string {
  const lo = min > Number.MIN_SAFE_INTEGER;
  const hi = max < Number.MAX_SAFE_INTEGER;
  if (lo && hi) return `an integer in [${min}, ${max}]`;
  if (lo && min === 0) return 'a non-negative integer';
  if (lo && min === 1) return 'a positive integer';
  if (lo) return `an integer >= ${min}`;
  if (hi) return `an integer <= ${max}`;
  return 'a safe integer';
}

export function checkFiniteNumber(
  site: CheckSite,
  argument: string,
  value: unknown,
  range: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean } = {},
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (range.min === undefined || (range.minExclusive ? value > range.min : value >= range.min)) &&
    (range.max === undefined || (range.maxExclusive ? value < range.max : value <= range.max));
  if (!ok) {
    const parts: string[] = [];
    if (range.min !== undefined) parts.push(`${range.minExclusive ? '>' : '>='} ${range.min}`);
    if (range.max !== undefined) parts.push(`${range.maxExclusive ? '<' : '<='} ${range.max}`);
    const rule = parts.length ? `a finite number ${parts.join(' and ')}` : 'a finite number';
    throw new InvalidArgumentError({ ...site, argument, value, rule });
  }
  return value as number;
}

export function checkProbability(site: CheckSite, argument: string, value: unknown): number {
  return checkFiniteNumber(site, argument, value, { min: 0, max: 1 });
}

export function checkOneOf<T extends string>(
  site: CheckSite,
  argument: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidArgumentError({
      ...site,
      argument,
      value,
      rule: `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
    });
  }
  return value as T;
}

export function checkBoolean(site: CheckSite, argument: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidArgumentError({ ...site, argument, value, rule: 'a boolean' });
  return value;
}

/** Checks every entry of a numeric array is finite; reports the first bad index. */
export function checkFiniteArray(site: CheckSite, argument: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      throw new InvalidArgumentError({ ...site, argument: `${argument}[${i}]`, value: v, rule: 'a finite number' });
    }
  }
}

/** Checks an array-like has exactly `length` entries. */
export function checkLength(site: CheckSite, argument: string, values: unknown, length: number): void {
  const actual = (values as { length?: unknown } | null | undefined)?.length;
  if (typeof actual !== 'number' || actual !== length) {
    throw new InvalidArgumentError({
      ...site,
      argument: `${argument}.length`,
      value: actual,
      rule: `${length}`,
    });
  }
}

/** Checks `options` is undefined or a plain object and that it has no unknown keys (catches typos). */
export function checkOptions<T extends object>(
  site: CheckSite,
  options: unknown,
  known: readonly (keyof T & string)[],
): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError({ ...site, argument: 'options', value: options, rule: 'an object or undefined' });
  }
  for (const key of Object.keys(options)) {
    if (!(known as readonly string[]).includes(key)) {
      throw new InvalidArgumentError({
        ...site,
        argument: `options.${key}`,
        value: (options as Record<string, unknown>)[key],
        rule: `absent (unknown option; known options are ${known.join(', ') || 'none'})`,
      });
    }
  }
  return options as Partial<T>;
}
