/**
 * `pnpm run bench` entry: runs every scenario for us and every peer in one process, prints
 * the tables, and (full mode only) writes docs/BENCHMARKS.md and docs/bench-rotation.svg.
 *
 *   node dist/run.js            full run, writes docs/
 *   node dist/run.js --quick    small counts for CI; writes nothing; exits non-zero only
 *                               if the harness itself breaks, never because of a number
 *   --only=cold,overhead,...    run a subset (development aid; never writes docs/)
 */
import { writeFileSync } from 'node:fs';
import { runHotPathInChild } from './hot-path-child.js';
import { machineInfo, packageVersions } from './machine.js';
import { runOverheadInChild } from './overhead-child.js';
import { startRedisServer } from './redis-server.js';
import {
  type BenchReport,
  renderBenchmarksMarkdown,
  rotationChartSvg,
  targetsTable,
} from './report.js';
import { coldStartTable, runColdStart } from './scenarios/cold-start.js';
import { fleetTable, runFleetScenario } from './scenarios/fleet.js';
import { hotPathTable } from './scenarios/hot-path.js';
import { outageTable, runOutage } from './scenarios/outage.js';
import { overheadTable } from './scenarios/overhead.js';
import { pairedRequestsTable } from './scenarios/paired-requests.js';
import { requestProfileTable, runRequestProfile } from './scenarios/request-profile.js';
import { rotationTable, runRotation } from './scenarios/rotation.js';
import { fullSettings, quickSettings } from './settings.js';
import { renderText, type Table } from './table.js';
import { configureTransport } from './transport.js';

const scenarioNames = [
  'cold',
  'rotation',
  'overhead',
  'profile',
  'hotpath',
  'fleet',
  'outage',
] as const;
type ScenarioName = (typeof scenarioNames)[number];

function parseArgs(argv: string[]): { quick: boolean; only: Set<ScenarioName> | undefined } {
  const quick = argv.includes('--quick');
  const onlyArg = argv.find((a) => a.startsWith('--only='));
  if (!onlyArg) return { quick, only: undefined };
  const names = onlyArg.slice('--only='.length).split(',');
  for (const name of names) {
    if (!scenarioNames.includes(name as ScenarioName)) {
      throw new Error(`unknown scenario "${name}"; known: ${scenarioNames.join(', ')}`);
    }
  }
  return { quick, only: new Set(names as ScenarioName[]) };
}

async function main(): Promise<number> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const settings = quick ? quickSettings : fullSettings;
  const wanted = (name: ScenarioName) => !only || only.has(name);
  configureTransport();
  const report: BenchReport = {
    settings,
    machine: machineInfo(),
    versions: packageVersions(),
    startedAt: new Date().toISOString(),
    errors: [],
  };
  const tables: Table[] = [];
  const show = (table: Table) => {
    tables.push(table);
    console.log(`\n${renderText(table)}`);
  };
  const attempt = async (name: ScenarioName, run: () => Promise<void>) => {
    if (!wanted(name)) return;
    const started = Date.now();
    console.error(`[bench] ${name}…`);
    try {
      await run();
      console.error(`[bench] ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      report.errors.push({ scenario: name, message });
      console.error(`[bench] ${name} FAILED: ${message}`);
    }
  };

  console.log(
    `Live Data auth benchmark (${quick ? 'quick' : 'full'}) on ${report.machine.cpu}, ${report.machine.cores} cores, Node ${report.machine.node}`,
  );
  await attempt('cold', async () => {
    report.coldStart = await runColdStart(settings.coldStart.requests);
    show(coldStartTable(report.coldStart, settings.coldStart.requests));
  });
  await attempt('rotation', async () => {
    report.rotation = await runRotation(settings.rotation);
    show(rotationTable(report.rotation));
  });
  await attempt('overhead', async () => {
    const { rows, paired, placement } = await runOverheadInChild(
      settings.overhead,
      settings.pairedRequests,
    );
    report.overhead = rows;
    report.paired = paired;
    show(overheadTable(rows, settings.overhead, placement));
    show(pairedRequestsTable(paired, settings.pairedRequests));
  });
  await attempt('profile', async () => {
    report.requestProfile = await runRequestProfile(settings.requestProfile);
    show(requestProfileTable(report.requestProfile, settings.requestProfile));
  });
  await attempt('hotpath', async () => {
    report.hotPath = await runHotPathInChild(settings.hotPath);
    show(hotPathTable(report.hotPath, settings.hotPath));
  });
  await attempt('fleet', async () => {
    const redis = await startRedisServer();
    try {
      report.fleet = await runFleetScenario(settings.fleet, redis);
      report.redisAvailable = redis !== undefined;
      show(fleetTable(report.fleet, settings.fleet, redis !== undefined));
    } finally {
      await redis?.stop();
    }
  });
  await attempt('outage', async () => {
    report.outage = await runOutage(settings.outage);
    show(outageTable(report.outage, settings.outage));
  });

  console.log(`\n${renderText(targetsTable(report))}`);
  // Rendered in every mode, so --quick in CI also proves the report code works.
  const markdown = renderBenchmarksMarkdown(report, tables);
  const svg = report.rotation ? rotationChartSvg(report.rotation) : undefined;
  if (!quick && !only) {
    const docs = new URL('../../docs/', import.meta.url);
    writeFileSync(new URL('BENCHMARKS.md', docs), markdown);
    if (svg) writeFileSync(new URL('bench-rotation.svg', docs), svg);
    console.log('\nWrote docs/BENCHMARKS.md and docs/bench-rotation.svg');
  } else {
    console.log(
      `\n(${quick ? '--quick' : '--only'}: report rendered, ${markdown.length} characters; docs/ not written)`,
    );
  }
  if (report.errors.length > 0) {
    console.error(
      `\n[bench] ${report.errors.length} scenario(s) broke: ${report.errors.map((e) => e.scenario).join(', ')}`,
    );
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    // Lingering keep-alive sockets must not hold the process open after the report.
    process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
