// Shared jest configuration: ESM TypeScript through @swc/jest (see ../shared/notes/toolchain.md).
/** @param {string} rootDir */
export function jestConfig(rootDir) {
  return {
    rootDir,
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
          module: { type: 'es6' },
          sourceMaps: 'inline',
        },
      ],
    },
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    // Statistical and large-graph suites are slow on 2 cores; one worker per core keeps memory bounded.
    maxWorkers: 2,
    testTimeout: 120000,
  };
}
