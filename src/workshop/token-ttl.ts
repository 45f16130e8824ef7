// `--token-ttl`: a Go duration as kubectl create token's --duration reads it (time.ParseDuration:
// h, m, s units, e.g. 12h, 90m, 1h30m). The API server refuses less than 10 minutes
// (kubernetes pkg/apis/authentication/validation: "may not specify a duration less than 10
// minutes"), so mesh-lab refuses it first, as a usage error.
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';

export function parseTokenTtl(raw: string): { seconds: number; text: string } {
  const re = /(\d+)(h|m|s)/gy;
  let seconds = 0;
  let consumed = 0;
  for (let m = re.exec(raw); m !== null; m = re.exec(raw)) {
    seconds += Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
    consumed = re.lastIndex;
  }
  if (raw === '' || consumed !== raw.length) throw new MeshLabError(ExitCode.Usage, `--token-ttl "${raw}" is not a duration`, { hint: 'e.g. --token-ttl 12h, 90m or 1h30m' });
  if (seconds < 600) throw new MeshLabError(ExitCode.Usage, `--token-ttl ${raw} is shorter than 10 minutes, the least the API server issues`, { hint: 'e.g. --token-ttl 12h' });
  return { seconds, text: raw };
}
