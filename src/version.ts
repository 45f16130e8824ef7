// mesh-lab's version, from package.json (the bundle inlines it at build time), so
// `--version` prints what was installed whoever runs it.
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
