export * from './types.js';
export * from './docker-source.js';
export * from './compatibility.js';
export * from './port-holder.js';
export * from './checks.js';
export * from './doctor.js';
