/**
 * Installs pinned tools into mesh-lab's cache: download to a temp file in the target
 * directory, verify SHA-256 (pinned, or from the release's checksum file), extract if
 * needed, fsync, chmod +x, rename into place, then write install.json (also by rename).
 * Concurrent installers serialise on a per-directory lock and re-check after waiting,
 * so the second one is a no-op. Nothing is written outside the cache directory.
 */
import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ToolsError } from './errors.js';
import type { Platform } from './platform.js';
import { detectPlatform } from './platform.js';
import type { ToolName, ToolsManifest } from './manifest.js';
import { artifactFor, manifestFromEnv, toolSpec } from './manifest.js';
import type { InstallRecord } from './cache.js';
import { INSTALL_RECORD, readCached, removePartials, toolInstallDir, toolsCacheDir } from './cache.js';
import type { DownloadProgress, HttpOptions } from './download.js';
import { downloadText, downloadToFile } from './download.js';
import { checksumMismatch, parseChecksumFile, sha256File } from './verify.js';
import { extractTarGzMember } from './extract.js';
import type { LockOptions } from './lock.js';
import { withLock } from './lock.js';

export type InstallEvent =
  | { type: 'cached'; tool: ToolName; version: string; path: string }
  | { type: 'waiting-for-lock'; tool: ToolName; version: string; pid: number | undefined }
  | { type: 'checksum'; tool: ToolName; version: string; url: string }
  | { type: 'download-start'; tool: ToolName; version: string; url: string }
  | { type: 'progress'; tool: ToolName; version: string; received: number; total: number | undefined }
  | { type: 'verified'; tool: ToolName; version: string; sha256: string; checksum: 'pinned' | 'published' }
  | { type: 'installed'; tool: ToolName; version: string; path: string };

export interface InstallOptions {
  /** Defaults to the pinned manifest with MESH_LAB_TOOLS_BASE_URL applied from `env`. */
  manifest?: ToolsManifest;
  platform?: Platform;
  /** Defaults to toolsCacheDir(env). */
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Network options (timeout, redirects, CA, abort signal). `env` is passed through for proxies. */
  http?: Omit<HttpOptions, 'env'>;
  lock?: LockOptions;
  /** Reinstall even if a valid cached copy exists. */
  force?: boolean;
  onEvent?: (e: InstallEvent) => void;
}

export interface InstallResult {
  tool: ToolName;
  version: string;
  path: string;
  status: 'installed' | 'already-installed';
  checksum: 'pinned' | 'published';
  sha256: string;
}

function tmpName(dir: string, label: string): string {
  return join(dir, `.${label}.${process.pid}.${randomBytes(6).toString('hex')}.part`);
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    const h = await open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // Not supported everywhere (e.g. some filesystems); rename atomicity still holds.
  }
}

async function writeSynced(path: string, text: string): Promise<void> {
  const h = await open(path, 'wx', 0o644);
  try {
    await h.writeFile(text, 'utf8');
    await h.sync();
  } finally {
    await h.close();
  }
}

function prefixed(e: unknown, prefix: string): unknown {
  if (e instanceof ToolsError) return new ToolsError(e.code, `${prefix}: ${e.message}`, { detail: e.detail, cause: e });
  return e;
}

export interface ResolvedInstallContext {
  manifest: ToolsManifest;
  platform: Platform;
  cacheDir: string;
  env: NodeJS.ProcessEnv;
}

export function installContext(opts: InstallOptions = {}): ResolvedInstallContext {
  const env = opts.env ?? process.env;
  return {
    env,
    manifest: opts.manifest ?? manifestFromEnv(env),
    platform: opts.platform ?? detectPlatform(),
    cacheDir: opts.cacheDir ?? toolsCacheDir(env),
  };
}

export async function installTool(name: ToolName, opts: InstallOptions = {}): Promise<InstallResult> {
  const { manifest, platform, cacheDir, env } = installContext(opts);
  const spec = toolSpec(manifest, name);
  const art = artifactFor(spec, platform);
  const dir = toolInstallDir(cacheDir, spec, platform);
  const emit = opts.onEvent ?? (() => undefined);
  const base = { tool: spec.name, version: spec.version };
  const label = `${spec.name} ${spec.version} (${art.platform})`;

  const done = (cached: { path: string; record: InstallRecord }): InstallResult => ({
    ...base,
    path: cached.path,
    status: 'already-installed',
    checksum: cached.record.checksum,
    sha256: cached.record.sha256,
  });

  if (!opts.force) {
    const cached = await readCached(dir, spec, platform);
    if (cached) {
      emit({ type: 'cached', ...base, path: cached.path });
      return done(cached);
    }
  }

  await mkdir(dir, { recursive: true, mode: 0o755 });
  const http: HttpOptions = { ...opts.http, env };
  return withLock(
    join(dir, '.lock'),
    async () => {
      if (!opts.force) {
        const cached = await readCached(dir, spec, platform);
        if (cached) {
          emit({ type: 'cached', ...base, path: cached.path });
          return done(cached);
        }
      }
      await removePartials(dir);
      const temps: string[] = [];
      try {
        // 1. Expected checksum first: a missing checksum file fails before a big download.
        let expected: string;
        let source: string;
        if (art.checksum.type === 'pinned') {
          expected = art.checksum.sha256.toLowerCase();
          source = `pinned in mesh-lab, from ${art.checksum.source}`;
        } else {
          emit({ type: 'checksum', ...base, url: art.checksum.url });
          let text: string;
          try {
            text = await downloadText(art.checksum.url, http);
          } catch (e) {
            throw prefixed(e, `cannot fetch the published checksum for ${label}`);
          }
          expected = parseChecksumFile(text, art.assetName);
          source = `published at ${art.checksum.url}`;
        }

        // 2. Download and hash.
        const asset = tmpName(dir, art.assetName);
        temps.push(asset);
        emit({ type: 'download-start', ...base, url: art.url });
        let got;
        try {
          got = await downloadToFile(art.url, asset, {
            ...http,
            onProgress: (p: DownloadProgress) => emit({ type: 'progress', ...base, received: p.received, total: p.total }),
          });
        } catch (e) {
          throw prefixed(e, `cannot download ${label}`);
        }
        if (got.sha256 !== expected) throw checksumMismatch(label, expected, got.sha256, source);
        emit({ type: 'verified', ...base, sha256: got.sha256, checksum: art.checksum.type });

        // 3. Binary in place (extract first if archived).
        let binTmp = asset;
        if (art.archive === 'tar.gz') {
          binTmp = tmpName(dir, spec.binary);
          temps.push(binTmp);
          await extractTarGzMember(asset, art.member ?? spec.binary, binTmp);
        }
        await chmod(binTmp, 0o755);
        const size = (await stat(binTmp)).size;
        const binSha = binTmp === asset ? got.sha256 : await sha256File(binTmp);
        const finalPath = join(dir, spec.binary);
        await rename(binTmp, finalPath);

        // 4. The record last: it is what makes the binary count as installed.
        const record: InstallRecord = {
          tool: spec.name,
          version: spec.version,
          platform: art.platform,
          binary: spec.binary,
          sha256: binSha,
          size,
          assetSha256: got.sha256,
          checksum: art.checksum.type,
          url: art.url,
          installedAt: new Date().toISOString(),
        };
        const recTmp = tmpName(dir, INSTALL_RECORD);
        temps.push(recTmp);
        await writeSynced(recTmp, `${JSON.stringify(record, null, 2)}\n`);
        await rename(recTmp, join(dir, INSTALL_RECORD));
        await fsyncDir(dir);
        emit({ type: 'installed', ...base, path: finalPath });
        return { ...base, path: finalPath, status: 'installed' as const, checksum: art.checksum.type, sha256: binSha };
      } finally {
        for (const t of temps) await rm(t, { force: true }).catch(() => undefined);
      }
    },
    {
      ...opts.lock,
      onWait: (owner) => {
        emit({ type: 'waiting-for-lock', ...base, pid: owner?.pid });
        opts.lock?.onWait?.(owner);
      },
    },
  );
}

/** Installs several tools one after another (sequential keeps progress output readable). */
export async function installTools(names: readonly ToolName[], opts: InstallOptions = {}): Promise<InstallResult[]> {
  const out: InstallResult[] = [];
  for (const n of names) out.push(await installTool(n, opts));
  return out;
}
