export declare const LAYERS: Record<string, number>;
export declare const ALLOWED_EXTRA: Set<string>;
/** Human-readable rule violations of the workspace rooted at `root` (empty when it follows the rules). */
export declare function checkWorkspace(root: string): string[];
