// The dashboard server: 127.0.0.1 only, one self-contained page, the latest roll-up as JSON,
// and server-sent events that carry a new snapshot as soon as a poll sees a change.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startDashboard, type Dashboard } from '../../../src/workshop/dashboard-server.js';
import { dashboardPage } from '../../../src/workshop/dashboard-page.js';
import type { WorkshopStatus } from '../../../src/workshop/roll-up.js';

const status = (passed: number): WorkshopStatus => ({
  workshop: 'w', readAt: new Date().toISOString(), verified: false, labs: [], attendees: [], hostConflicts: [],
  totals: { attendees: 0, steps: 0, passed, failed: 0, disagreements: 0 },
});

let dash: Dashboard | undefined;
afterEach(async () => {
  await dash?.close();
  dash = undefined;
});

function get(url: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    }).on('error', reject).end();
  });
}

/** The first `n` SSE data payloads of /events. */
function events(url: string, n: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const seen: unknown[] = [];
    const req = request(`${url}events`, (res) => {
      let buf = '';
      res.on('data', (d: Buffer) => {
        buf += d.toString();
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const data = buf.slice(0, i).split('\n').find((l) => l.startsWith('data: '));
          buf = buf.slice(i + 2);
          if (data) seen.push(JSON.parse(data.slice(6)));
          if (seen.length === n) {
            req.destroy();
            resolve(seen);
          }
        }
      });
    });
    req.on('error', (e) => (seen.length < n ? reject(e) : undefined));
    req.end();
  });
}

describe('the dashboard server', () => {
  it('listens on 127.0.0.1 only and serves the page and the latest status', async () => {
    dash = await startDashboard({ port: 0, pollMs: 50, read: async () => status(1) });
    await dash.ready;
    expect(dash.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get(dash.url);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<table id="grid">');
    expect((await get(`${dash.url}status.json`)).body).toContain('"passed":1');
    expect((await get(`${dash.url}nope`)).status).toBe(404);
  });

  it('pushes a new snapshot when a poll sees a change, and only then', async () => {
    let passed = 0;
    let reads = 0;
    dash = await startDashboard({ port: 0, pollMs: 20, read: async () => {
        reads++;
        if (reads === 5) passed = 1;
        return status(passed);
      } });
    await dash.ready;
    const [first, second] = (await events(dash.url, 2)) as { status: WorkshopStatus }[];
    expect(first!.status.totals.passed).toBe(0);
    expect(second!.status.totals.passed).toBe(1);
    expect(reads).toBeGreaterThanOrEqual(5);
  });

  it('keeps serving the last status with the error when the cluster cannot be read', async () => {
    let fail = false;
    const errors: string[] = [];
    dash = await startDashboard({ port: 0, pollMs: 20, read: async () => {
        if (fail) throw new Error('connection refused');
        fail = true;
        return status(2);
      }, onReadError: (e) => errors.push(e.message) });
    const [, second] = (await events(dash.url, 2)) as { status?: WorkshopStatus; error?: string }[];
    expect(second).toMatchObject({ error: 'connection refused', status: { totals: { passed: 2 } } });
    expect(errors[0]).toBe('connection refused');
  });
});

describe('the page', () => {
  it('is self-contained: no external script, style, font or image', () => {
    const html = dashboardPage();
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain('innerHTML');
    expect(html).toContain("new EventSource('events')");
  });
});
