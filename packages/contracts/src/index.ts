export * from './errors.js';
export * from './permissions.js';
export * from './common.js';
export * from './auth.js';
export * from './units.js';
export * from './users.js';
export * from './admin-units.js';
export * from './audit.js';
