// The name → site table of the simulated internet. A site answers only on its ports;
// plain-HTTP requests to an HTTPS-only port fail like a TLS server would (curl exit 52/56).
import type { Site, SiteAnswer } from './types.js';
import { httpbin } from './httpbin.js';

function staticPage(hosts: string[], title: string, charset = 'UTF-8'): Site {
  return {
    hosts,
    ports: { 80: 'http', 443: 'https' },
    tlsHttpVersion: '2',
    handle(req): SiteAnswer {
      if (req.scheme === 'http' && req.port === 80) {
        // Both sites redirect plain HTTP to HTTPS.
        return { response: { status: 301, headers: { location: `https://${req.host}${req.path}`, 'content-type': 'text/html; charset=UTF-8' }, body: `<HTML><HEAD><meta http-equiv="content-type" content="text/html;charset=utf-8">\n<TITLE>301 Moved</TITLE></HEAD><BODY>\n<H1>301 Moved</H1>\nThe document has moved\n<A HREF="https://${req.host}${req.path}">here</A>.\r\n</BODY></HTML>\r\n` } };
      }
      return {
        response: {
          status: 200,
          headers: { 'content-type': `text/html; charset=${charset}`, 'cache-control': 'private, max-age=0' },
          body: `<!doctype html><html><head><title>${title}</title></head><body>${title} (simulated)</body></html>`,
        },
      };
    },
  };
}

export const SITES: Site[] = [
  httpbin,
  staticPage(['www.google.com', 'google.com'], 'Google', 'ISO-8859-1'),
  staticPage(['edition.cnn.com', 'www.cnn.com'], 'CNN'),
  staticPage(['example.com', 'www.example.com'], 'Example Domain'),
];

export function siteFor(host: string): Site | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  return SITES.find((s) => s.hosts.includes(h));
}
