// Public exports of this topic; re-exported by src/index.ts.
export {};
