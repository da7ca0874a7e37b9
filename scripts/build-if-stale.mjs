// @ts-check
/**
 * `npm start` / `npm run dev` / `npm run emulator` build step: compiles only what changed since the last build.
 *
 * Two outputs, each with its inputs hashed into a stamp beside it:
 * - the gateway (`dist/src`, from `src/` and the tsconfigs): `tsc -p tsconfig.build.json`, incremental
 *   (tsBuildInfo in dist/.tsbuildinfo), so a changed file costs one incremental compile;
 * - the store template (`dist/pglite-template`, from the installed PGlite): an empty cluster, so a fresh
 *   sandbox DATA_DIR starts from a copy instead of PGlite's initdb (see src/store/open-db.ts);
 * - the board (`dist/web`, from `web/` minus its node_modules): `tsc` check + `vite build`, all or nothing.
 * When a stamp matches the hash of its inputs and the output is there, the step is skipped without loading tsc
 * or vite (an up-to-date `tsc -p` still parses the whole program, about 4 s here; `tsc -b` about 1 s; this
 * check about 0.1 s). Neither tool offers the skip: vite always bundles, and `tsc -b` covers only tsc.
 * Content hashes, not mtimes: a checkout, copy or `touch` that leaves the files the same builds nothing, and
 * a deleted or added file changes the hash. `npm run build` (`--force`) builds everything unconditionally.
 *
 * Plain JavaScript on purpose: it runs before anything is compiled, and ts-node alone would cost a second.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');

/** Every file under `dir` (sorted, recursively), skipping node_modules and generated build output. */
function listFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** sha256 over each input's path and content, in a stable order. */
function hashInputs(paths) {
  const hash = createHash('sha256');
  for (const path of paths.flatMap((p) => (existsSync(p) && statSync(p).isDirectory() ? listFiles(p) : [p]))) {
    hash.update(relative(root, path)).update('\0');
    hash.update(existsSync(path) ? readFileSync(path) : '(missing)').update('\0');
  }
  return hash.digest('hex');
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const pgliteDir = join(root, 'node_modules', '@electric-sql', 'pglite');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const targets = [
  {
    name: 'gateway',
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'].map((p) => join(root, p)),
    output: join(root, 'dist', 'src', 'main.js'),
    stamp: join(root, 'dist', '.build-stamp-gateway'),
    build: () => run(bin('tsc'), ['-p', 'tsconfig.build.json']),
  },
  {
    // An empty PGlite cluster that src/store/open-db.ts copies into a fresh DATA_DIR instead of running initdb.
    name: 'store template',
    inputs: [join(pgliteDir, 'package.json'), join(root, 'scripts', 'build-if-stale.mjs')],
    output: join(root, 'dist', 'pglite-template', 'PGLITE_VERSION'),
    stamp: join(root, 'dist', '.build-stamp-pglite'),
    build: () => {
      const dir = join(root, 'dist', 'pglite-template');
      const staging = `${dir}.making`;
      rmSync(staging, { recursive: true, force: true });
      // In a child process: with --then, this process goes on to run the gateway, which loads PGlite itself.
      const make = `const { PGlite } = await import('@electric-sql/pglite'); const pg = await PGlite.create(${JSON.stringify(staging)}); await pg.close();`;
      run(process.execPath, ['--input-type=module', '-e', make]);
      const { version } = JSON.parse(readFileSync(join(pgliteDir, 'package.json'), 'utf8'));
      writeFileSync(join(staging, 'PGLITE_VERSION'), `${version}\n`);
      rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
    },
  },
  {
    name: 'board',
    inputs: ['web', 'package.json'].map((p) => join(root, p)),
    output: join(root, 'dist', 'web', 'index.html'),
    // Outside dist/web: vite empties its outDir on every build.
    stamp: join(root, 'dist', '.build-stamp-web'),
    build: () => {
      run(bin('tsc'), ['-p', 'web/tsconfig.json']);
      run(bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
    },
  },
];

// `--force` (npm run build): build everything, then stamp it, so the next start skips.
const force = process.argv.includes('--force');
// `--then <file>` (npm start): once built, run that module in this same process: no prestart (a second npm
// run, about half a second) and no second node start-up, and no `&&` that a Windows shell reads otherwise.
// Being one process, the pid a supervisor signals is the gateway's: SIGTERM/SIGINT reach main.ts's own handlers
// (graceful stop, exit 0) with nothing to forward (test/integration/npm-start.test.ts). A signal during a build
// ends this process by node's default before the stamp is written (a build tool already started runs to its end),
// so the next start builds again.
const then = process.argv.includes('--then') ? process.argv[process.argv.indexOf('--then') + 1] : null;
for (const target of targets) {
  const hash = hashInputs(target.inputs);
  const stamped = existsSync(target.stamp) ? readFileSync(target.stamp, 'utf8').trim() : null;
  if (!force && stamped === hash && existsSync(target.output)) continue;
  if (!force) process.stdout.write(`building the ${target.name} (its inputs changed since the last build, or it is missing)\n`);
  target.build();
  writeFileSync(target.stamp, `${hash}\n`);
}

if (then) await import(pathToFileURL(join(root, then)).href);
