/**
 * Starts a throwaway Redis Cluster on 127.0.0.1 for the cluster tests: `masters` masters
 * (and as many replicas with `replicas: true`), each a `redis-server --cluster-enabled yes`
 * on a free port with its `nodes.conf` in a temp dir, joined by `redis-cli --cluster
 * create`. `stop()` kills every node and removes the dir; the launcher also stops what it
 * started when it fails half way, so no `redis-server` outlives the test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, REDIS_SERVER_MISSING } from '@livedata/test-utils';

export interface ClusterNode {
  readonly port: number;
  /** Whether the process is still running (false after `kill`). */
  readonly running: boolean;
  /** Kills the process with SIGKILL (a crash: no shutdown, no failover handoff) and waits for its exit. */
  kill(): Promise<void>;
  /**
   * Starts a killed node again on its port with its `nodes.conf` (as a restarted pod would)
   * and waits until it answers PING; it rejoins the cluster, as a replica if it was failed over.
   */
  restart(): Promise<void>;
  /** Sends SIGKILL without waiting (for the exit handler, which cannot await). */
  killNow(): void;
}

export interface RedisClusterHandle {
  readonly nodes: readonly ClusterNode[];
  /** `{ host, port }` of every node, for ioredis `new Cluster(startupNodes)`. */
  readonly startupNodes: readonly { host: string; port: number }[];
  /** `redis://127.0.0.1:PORT` of every node, for node-redis `createCluster({ rootNodes })`. */
  readonly urls: readonly string[];
  /** One command on one node through `redis-cli` (no cluster redirection), its stdout trimmed. */
  cli(port: number, args: readonly string[]): Promise<string>;
  /** `CLUSTER KEYSLOT key`. */
  keySlot(key: string): Promise<number>;
  /** The port of the master serving `slot`, from the first running node's `CLUSTER NODES`. */
  masterOf(slot: number): Promise<number>;
  /** Resolves once every running node says `cluster_state:ok` and agrees on who serves every slot. */
  waitUntilHealthy(timeoutMs?: number): Promise<void>;
  /** Kills every node and removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

export interface RedisClusterOptions {
  /** Number of masters; default 3 (the smallest cluster `redis-cli --cluster create` accepts). */
  masters?: number;
  /** One replica per master, so the cluster fails over when a master dies; default false. */
  replicas?: boolean;
  /** `cluster-node-timeout` in ms: how long a silent master takes to be failed over; default 2000. */
  nodeTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a command to completion; rejects with its output when it exits non-zero. */
function run(command: string, args: readonly string[], timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' ? new Error(REDIS_SERVER_MISSING) : error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out.trim());
      else reject(new Error(`${command} ${args.join(' ')} exited (${code ?? signal}):\n${out}`));
    });
  });
}

function startNode(port: number, dir: string, nodeTimeoutMs: number): ClusterNode {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--cluster-enabled',
    'yes',
    '--cluster-config-file',
    join(dir, `nodes-${port}.conf`),
    '--cluster-node-timeout',
    String(nodeTimeoutMs),
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'no',
  ];
  const spawnServer = () => {
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    child.on('error', () => {}); // reported by the PING wait (the node never answers)
    return child;
  };
  let proc: ChildProcess = spawnServer();
  const running = () =>
    proc.exitCode === null && proc.signalCode === null && proc.pid !== undefined;
  return {
    port,
    get running() {
      return running();
    },
    async kill() {
      if (!running()) return;
      const exited = once(proc, 'exit');
      proc.kill('SIGKILL');
      await exited;
    },
    killNow() {
      if (running()) proc.kill('SIGKILL');
    },
    async restart() {
      if (running()) return;
      proc = spawnServer();
      await waitForPing(port, () => running());
    },
  };
}

async function waitForPing(port: number, running: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await pingNode(port)) !== 'PONG') {
    if (!running()) throw new Error(`redis-server on port ${port} exited at start`);
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} never answered PING`);
    await sleep(50);
  }
}

function pingNode(port: number): Promise<string> {
  return run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'PING'], 5_000).catch(() => '');
}

/** Parses `CLUSTER NODES`: the port of the master serving each slot range. */
function slotOwners(nodesOutput: string): { from: number; to: number; port: number }[] {
  const ranges: { from: number; to: number; port: number }[] = [];
  for (const line of nodesOutput.split('\n')) {
    const [, address, flags, , , , , linkState, ...slots] = line.trim().split(' ');
    if (
      !address ||
      !flags?.includes('master') ||
      flags.includes('fail') ||
      linkState !== 'connected'
    )
      continue;
    const port = Number(address.split('@')[0]?.split(':')[1]);
    for (const range of slots) {
      if (range.startsWith('[')) continue; // a slot being migrated
      const [from, to = from] = range.split('-').map(Number);
      if (from !== undefined && to !== undefined) ranges.push({ from, to, port });
    }
  }
  return ranges;
}

/** Starts the cluster and resolves once it is healthy. */
export async function startRedisCluster(
  options: RedisClusterOptions = {},
): Promise<RedisClusterHandle> {
  const masters = options.masters ?? 3;
  const total = options.replicas ? masters * 2 : masters;
  const nodeTimeoutMs = options.nodeTimeoutMs ?? 2_000;
  const dir = await mkdtemp(join(tmpdir(), 'livedata-redis-cluster-'));
  const nodes: ClusterNode[] = [];
  let stopped = false;
  // Should the test process exit without calling stop() (a crash, a timeout that kills the
  // run), take the nodes with it.
  const killOnExit = () => {
    for (const node of nodes) node.killNow();
  };
  process.once('exit', killOnExit);

  const cli = (port: number, args: readonly string[]) =>
    run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], 10_000);
  const firstRunning = () => {
    const node = nodes.find((n) => n.running);
    if (!node) throw new Error('no cluster node is running');
    return node.port;
  };

  const handle: RedisClusterHandle = {
    nodes,
    get startupNodes() {
      return nodes.map((n) => ({ host: '127.0.0.1', port: n.port }));
    },
    get urls() {
      return nodes.map((n) => `redis://127.0.0.1:${n.port}`);
    },
    cli,
    async keySlot(key) {
      return Number(await cli(firstRunning(), ['CLUSTER', 'KEYSLOT', key]));
    },
    async masterOf(slot) {
      const owner = slotOwners(await cli(firstRunning(), ['CLUSTER', 'NODES'])).find(
        (r) => r.from <= slot && slot <= r.to,
      );
      if (!owner) throw new Error(`no master serves slot ${slot}`);
      return owner.port;
    },
    async waitUntilHealthy(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let last = '';
      for (;;) {
        try {
          const views: string[] = [];
          for (const node of nodes.filter((n) => n.running)) {
            const info = await cli(node.port, ['CLUSTER', 'INFO']);
            if (!/cluster_state:ok/.test(info)) throw new Error(`node ${node.port}:\n${info}`);
            const owners = slotOwners(await cli(node.port, ['CLUSTER', 'NODES']));
            const covered = owners.reduce((sum, r) => sum + (r.to - r.from + 1), 0);
            if (covered !== 16384)
              throw new Error(`node ${node.port} sees ${covered} slots served`);
            views.push(JSON.stringify(owners.sort((x, y) => x.from - y.from)));
          }
          if (new Set(views).size !== 1)
            throw new Error(`nodes disagree on slots:\n${views.join('\n')}`);
          return;
        } catch (error) {
          last = error instanceof Error ? error.message : String(error);
        }
        if (Date.now() > deadline)
          throw new Error(`cluster not healthy within ${timeoutMs} ms: ${last}`);
        await sleep(100);
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', killOnExit);
      await Promise.all(nodes.map((n) => n.kill()));
      await rm(dir, { recursive: true, force: true });
    },
  };

  try {
    const ports: number[] = [];
    while (ports.length < total) {
      const port = await freePort();
      // The cluster bus listens on port + 10000: keep both free and distinct.
      if (port + 10_000 <= 65_535 && !ports.includes(port)) ports.push(port);
    }
    for (const port of ports) nodes.push(startNode(port, dir, nodeTimeoutMs));
    for (const node of nodes) await waitForPing(node.port, () => node.running);
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      ...(options.replicas ? ['--cluster-replicas', '1'] : []),
      '--cluster-yes',
    ]);
    await handle.waitUntilHealthy();
    if (options.replicas) await waitForReplicas(handle, masters);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}

/** Waits until every master has a replica whose link is up, so a master's death fails over. */
async function waitForReplicas(cluster: RedisClusterHandle, masters: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    let synced = 0;
    for (const node of cluster.nodes) {
      const info = await cluster.cli(node.port, ['INFO', 'replication']);
      if (/role:slave/.test(info) && /master_link_status:up/.test(info)) synced++;
    }
    if (synced === masters) return;
    if (Date.now() > deadline) throw new Error(`only ${synced} of ${masters} replicas in sync`);
    await sleep(100);
  }
}
