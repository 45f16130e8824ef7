// After preflight resolves kind/kubectl/istioctl/minikube (PATH, mesh-lab's cache, or a
// fresh verified download), every call by name goes to the resolved binary. Code
// elsewhere keeps saying 'kubectl'; this is the one place that knows which kubectl.
import type { RunOptions, RunResult, Runner } from './runner.js';

export class ToolPathRunner implements Runner {
  readonly paths = new Map<string, string>();

  constructor(private readonly inner: Runner) {}

  private resolve(file: string): string {
    return this.paths.get(file) ?? file;
  }

  run(file: string, args: readonly string[], options?: RunOptions): Promise<RunResult> {
    return this.inner.run(this.resolve(file), args, options);
  }

  spawnBackground(file: string, args: readonly string[], options: { logFile: string }): Promise<{ pid: number; command: string }> {
    return this.inner.spawnBackground(this.resolve(file), args, options);
  }
}
