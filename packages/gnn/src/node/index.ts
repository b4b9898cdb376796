export { saveCheckpoint, loadCheckpoint, restoreCheckpoint } from './checkpoint.js';
export type { Checkpoint, CheckpointContents, SavedTensor } from './checkpoint.js';
