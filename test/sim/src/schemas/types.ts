// The compact schema notation shared by the core and Istio schemas. It keeps only what
// the simulator needs to behave like the API server's strict field validation and
// structural-schema checks: field names, types, required fields, enums and oneOf groups.
export interface FieldSchema {
  /** object | array | string | integer | number | boolean | int-or-string; absent = anything */
  t?: string;
  /** properties */
  p?: Record<string, FieldSchema>;
  /** array items */
  i?: FieldSchema;
  /** required property names */
  r?: string[];
  /** allowed values */
  e?: unknown[];
  /** additionalProperties (map values) */
  m?: FieldSchema;
  /** x-kubernetes-preserve-unknown-fields: any field accepted below */
  u?: boolean;
  /** oneOf groups: at most one of these keys; a leading "!" means exactly one */
  one?: string[][];
  min?: number;
  max?: number;
  f?: string;
}

export interface CrdKindSchema {
  group: string;
  plural: string;
  singular: string;
  shortNames: string[];
  storage: string;
  served: string[];
  schema: FieldSchema;
  sameForAllVersions: boolean;
}
