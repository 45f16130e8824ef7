// API errors in the shape the API server returns them and kubectl prints them
// (kubernetes/kubectl pkg/cmd/util/helpers.go checkErr/StandardErrorMessage/MultilineError):
// a single Invalid error prints as `The Kind "name" is invalid: cause`, other statuses as
// `Error from server (Reason): message`, plain errors as `error: message`; several errors
// (apply's aggregate) print one per line through StandardErrorMessage.

export interface Cause {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    /** StatusReason: NotFound, AlreadyExists, BadRequest, Invalid, Conflict...; empty for client-side errors */
    public reason: string,
    message: string,
    public invalid?: { kind: string; name: string; causes: Cause[] },
  ) {
    super(message);
  }

  /** kubectl's AddSourceToErr: `error when creating "STDIN": ...` */
  withSource(verb: string, source: string): ApiError {
    if (!this.reason) return new ApiError('', `error when ${verb} "${source}": ${this.message}`, this.invalid);
    return new ApiError(this.reason, `error when ${verb} "${source}": ${this.message}`, this.invalid);
  }
}

export function notFound(qualifiedPlural: string, name: string): ApiError {
  return new ApiError('NotFound', `${qualifiedPlural} "${name}" not found`);
}

export function alreadyExists(qualifiedPlural: string, name: string): ApiError {
  return new ApiError('AlreadyExists', `${qualifiedPlural} "${name}" already exists`);
}

/** apierrors.NewInvalid: message `Kind.group "name" is invalid: [c1, c2]` */
export function invalid(kind: string, qualifiedKind: string, name: string, causes: Cause[]): ApiError {
  const list = causes.map((c) => `${c.field}: ${c.message}`);
  const agg = list.length === 1 ? list[0]! : `[${list.join(', ')}]`;
  return new ApiError('Invalid', `${qualifiedKind} "${name}" is invalid: ${agg}`, { kind, name, causes });
}

export function clientError(message: string): ApiError {
  return new ApiError('', message);
}

function standardMessage(e: ApiError): string {
  if (e.reason) return `Error from server (${e.reason}): ${e.message}`;
  return e.message.startsWith('error: ') ? e.message : `error: ${e.message}`;
}

/** The text kubectl writes to stderr for one or several errors (always ends with "\n"). */
export function renderErrors(errors: ApiError[]): string {
  if (errors.length === 1) {
    const e = errors[0]!;
    if (e.reason === 'Invalid' && e.invalid) {
      const prefix = `The ${e.invalid.kind} "${e.invalid.name}" is invalid: `;
      const causes = e.invalid.causes.map((c) => `${c.field}: ${c.message}`);
      if (causes.length === 1) return `${prefix}${causes[0]}\n`;
      return `${prefix}\n${causes.map((c) => `* ${c}\n`).join('')}`;
    }
    return `${standardMessage(e)}\n`;
  }
  return errors.map((e) => `${standardMessage(e)}\n`).join('');
}
