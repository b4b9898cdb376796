export { createIsingModel, withBeta, withFields, checkIsingModel, checkSpins } from './ising-model.js';
export type { IsingModel, IsingModelOptions } from './ising-model.js';
export { energy, energies, localFields, flipEnergyDelta, magnetisations } from './energy.js';
export { randomSpins } from './random-spins.js';
