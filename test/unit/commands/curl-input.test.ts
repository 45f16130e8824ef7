// `mesh-lab curl -X`: an HTTP method is a token (RFC 9110 §9.1, §5.6.2 tchar).
import { describe, expect, it } from 'vitest';
import { validateMethod } from '../../../src/commands/curl/curl.js';

describe('validateMethod', () => {
  it.each(['GET', 'post', 'PATCH', 'M-SEARCH', 'PROPFIND', "X!#$%&'*+-.^_`|~9"])('accepts %s', (m) => expect(() => validateMethod(m)).not.toThrow());
  it.each(['', 'BAD METHOD', 'GET\r\n', 'G(E)T', 'GET/1', 'POST:', 'ÜBER', 'a"b', 'a,b'])('rejects %j with exit 2', (m) => {
    expect(() => validateMethod(m)).toThrow(/is not an HTTP method/);
    try {
      validateMethod(m);
    } catch (e) {
      expect((e as { exitCode: number }).exitCode).toBe(2);
    }
  });
});
