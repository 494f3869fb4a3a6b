export * from './types.ts';
export * from './document.ts';
export * from './registry.ts';
export * from './can-connect.ts';
export * from './serialize.ts';
export * from './planner.ts';
export * from './evaluator.ts';
