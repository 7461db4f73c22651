/**
 * The machine and the package versions a run measured, for the report header.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Where the numbers came from. */
export interface MachineInfo {
  os: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
}

/** Describes this machine. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
  };
}

/** Packages whose versions the report states. */
export const reportedPackages = [
  '@livedata/core',
  '@livedata/axios',
  '@livedata/redis',
  '@livedata/mock-server',
  'axios',
  'axios-auth-refresh',
  '@badgateway/oauth2-client',
  'redis',
  'undici',
];

/** `name → version` as installed for the bench package (`unknown` if unreadable). */
export function packageVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of reportedPackages) {
    try {
      const file = new URL(`../node_modules/${name}/package.json`, import.meta.url);
      versions[name] = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      versions[name] = 'unknown';
    }
  }
  return versions;
}
