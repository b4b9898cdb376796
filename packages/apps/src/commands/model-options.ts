/** The options every command that takes a model shares: `--beta`, `--J` | `--couplings-from-weights`, fields. */
import { InvalidArgumentError } from '@isinglab/graph';
import { readIsingModel, type IsingModelFile } from '@isinglab/ising';

export interface ModelCliOptions {
  beta?: string;
  J?: string;
  'couplings-from-weights'?: boolean;
  'fields-from-diagonal'?: boolean;
  'field-file'?: string;
  format?: string;
}

export const MODEL_OPTION_SPECS = {
  beta: { type: 'string' },
  J: { type: 'string' },
  'couplings-from-weights': { type: 'boolean' },
  'fields-from-diagonal': { type: 'boolean' },
  'field-file': { type: 'string' },
} as const;

export const MODEL_USAGE = '--beta B [--J J | --couplings-from-weights] [--fields-from-diagonal | --field-file F] [--format F]';

/** Parses a numeric flag strictly ("1e-3" yes, "0.5x" or "" no) and names the flag in the error. */
export function numberFlag(command: string, flag: string, text: string | undefined, rule: { integer?: boolean; min?: number } = {}): number | undefined {
  if (text === undefined) return undefined;
  const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
  const ok = Number.isFinite(value) && (!rule.integer || Number.isInteger(value)) && (rule.min === undefined || value >= rule.min);
  if (!ok) {
    const kind = rule.integer ? 'an integer' : 'a number';
    throw new InvalidArgumentError({
      pkg: 'apps',
      fn: command,
      argument: flag,
      value: text,
      rule: rule.min === undefined ? kind : `${kind} >= ${rule.min}`,
    });
  }
  return value;
}

export async function loadModel(command: string, file: string, options: ModelCliOptions): Promise<IsingModelFile> {
  const beta = numberFlag(command, '--beta', options.beta, { min: 0 });
  if (beta === undefined) {
    throw new InvalidArgumentError({ pkg: 'apps', fn: command, argument: '--beta', value: undefined, rule: 'given (the inverse temperature β >= 0)' });
  }
  const coupling = numberFlag(command, '--J', options.J);
  return readIsingModel(file, {
    beta,
    ...(coupling === undefined ? {} : { coupling }),
    ...(options['couplings-from-weights'] ? { couplingsFromWeights: true } : {}),
    ...(options['fields-from-diagonal'] ? { fieldsFromDiagonal: true } : {}),
    ...(options['field-file'] === undefined ? {} : { fieldFile: options['field-file'] }),
    ...(options.format === undefined ? {} : { format: options.format as never }),
  });
}
