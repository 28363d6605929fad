export * from './reference.ts';
export * from './accounts.ts';
export * from './programmes.ts';
export * from './audit.ts';
export * from './registry.ts';
export * from './jobs.ts';
