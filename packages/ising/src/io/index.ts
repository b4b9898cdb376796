export { readIsingModel } from './read-ising-model.js';
export type { IsingModelFile, ReadIsingModelOptions } from './read-ising-model.js';
