// Container image references checked as Docker checks them before anything runs, so a typo
// in --image or --kind-node-image is a usage error instead of a failure deep inside
// `kind create cluster` or a pod stuck in InvalidImageName. Grammar and messages from
// distribution/reference: regexp.go (name components, domain and port, tag, digest),
// reference.go (Parse: 255-character name limit, "invalid reference format"), normalize.go
// (ParseNormalizedNamed: 64-hex ids refused, repository names must be lower case,
// splitDockerDomain); digest lengths from opencontainers/go-digest (sha256: 64 hex, ...).

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainAndPort = `(?:${domainName}|${ipv6address})(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const referenceRegexp = new RegExp(`^((?:${domainAndPort}/)?${remoteName})(?::(${tag}))?(?:@(${digest}))?$`);
const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);

const NAME_MAX = 255;
const DIGEST_HEX: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** Why `ref` is not a valid image reference, or undefined when it is. */
export function imageReferenceProblem(ref: string): string | undefined {
  if (ref === '') return 'repository name must have at least one component';
  if (/^[a-f0-9]{64}$/.test(ref)) return 'cannot specify 64-byte hexadecimal strings';
  const { domain, remainder } = splitDomain(ref);
  const remote = remainder.split(':')[0]!;
  if (remote.toLowerCase() !== remote) return `repository name (${remote}) must be lowercase`;
  const m = referenceRegexp.exec(`${domain}/${remainder}`);
  if (!m) return 'invalid reference format';
  const path = anchoredNameRegexp.exec(m[1]!)?.[2] ?? m[1]!;
  if (path.length > NAME_MAX) return `repository name must not be more than ${NAME_MAX} characters`;
  if (m[3]) {
    const [algorithm, hex] = m[3].split(':') as [string, string];
    const want = DIGEST_HEX[algorithm];
    if (want === undefined) return `unsupported digest algorithm ${algorithm}`;
    if (hex.length !== want || !/^[a-f0-9]+$/.test(hex)) return `invalid ${algorithm} digest: want ${want} lower-case hex characters`;
  }
  return undefined;
}

/** normalize.go splitDockerDomain: the first component is a registry only if it looks like one. */
function splitDomain(name: string): { domain: string; remainder: string } {
  const i = name.indexOf('/');
  const first = i === -1 ? '' : name.slice(0, i);
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    return { domain: 'docker.io', remainder: name };
  }
  return { domain: first, remainder: name.slice(i + 1) };
}
