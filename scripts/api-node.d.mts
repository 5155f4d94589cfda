// Types of api-node.mjs for the TypeScript that imports it (the bench).
export declare const API_NODE_FLAGS: string[];
export declare function apiNodeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
