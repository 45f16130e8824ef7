// Public API of the lab module (see docs/labs.md).
export * from './types.js';
export { LabSchema, StepSchema, ActionSchema, CheckSchema, ACTION_KINDS, CHECK_KINDS } from './schema.js';
export {
  LAB_FILE,
  loadLab,
  validateLabText,
  formatLabError,
  formatLabErrors,
  resolveStepRange,
  effectiveRequirements,
  labNamespace,
  stepText,
  type LoadOptions,
} from './load.js';
export { renderManifest, renderApply, renderString, renderArgv, effectiveParams, RenderError, type Params, type ParamValue } from './render.js';
export { listLabs, findLab, labIds, defaultLabsDir, defaultTemplatesDir, packageRoot, unknownLabMessage, type LabEntry } from './registry.js';
export * from './progress.js';
export * from './checks/index.js';
