// kind's CLI logger in non-terminal mode: every message goes to stderr with a
// trailing newline ensured; -q silences it. The simulator never pretends to be a TTY,
// so the spinner/colour variants are not reproduced.
export class Logger {
  constructor(
    private readonly quiet: boolean,
    readonly verbosity: number,
  ) {}

  /** V(0) info / Warn / Error: all the same writer in kind. */
  info(msg: string): void {
    if (this.quiet) return;
    process.stderr.write(msg.endsWith('\n') ? msg : `${msg}\n`);
  }

  /** V(level) with level > 0 gets kind's debug header (simplified: no file:line). */
  debug(level: number, msg: string): void {
    if (level <= this.verbosity) this.info(`DEBUG: ${msg}`);
  }

  /** logger.V(0).Enabled(): false only when -q swapped in the no-op logger */
  get enabled(): boolean {
    return !this.quiet;
  }
}

/** cli.Status without a spinner: " • X  ..." on start, " ✓ X" / " ✗ X" on end. */
export class Status {
  private current = '';

  constructor(private readonly log: Logger) {}

  start(status: string): void {
    this.end(true);
    this.current = status;
    this.log.info(` • ${status}  ...\n`);
  }

  end(success: boolean): void {
    if (!this.current) return;
    this.log.info(success ? ` ✓ ${this.current}\n` : ` ✗ ${this.current}\n`);
    this.current = '';
  }
}
