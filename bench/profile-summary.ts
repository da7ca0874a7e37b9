/**
 * `npm run bench:profile -- FILE.cpuprofile [TOP]`: where a V8 CPU
 * profile (`npm run bench -- --profile DIR`) spent its samples, as shares of the non-idle time: by owner
 * (a package in node_modules, a folder of the gateway's src, node's internals, GC) and by function.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `graphql`, `@apollo/server`, `src/server`, `node:internal`, or the pseudo-frames `(garbage collector)` … */
function ownerOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1];
  const own = /\/dist[^/]*\/src\/([^/]+)\//.exec(url);
  if (own) return `src/${own[1]}`;
  if (url.startsWith('node:')) return 'node:internal';
  if (url.startsWith('wasm://')) return '(wasm)';
  return url;
}

function shares(profile: Profile, key: (node: ProfileNode) => string): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') return;
    const dt = profile.timeDeltas[i] ?? 0;
    busy += dt;
    const k = key(node);
    totals.set(k, (totals.get(k) ?? 0) + dt);
  });
  return [...totals].map(([k, t]): [string, number] => [k, t / busy]).sort((a, b) => b[1] - a[1]);
}

function main(): void {
  const [file, topText] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile [TOP]');
  const top = Number(topText ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const print = (title: string, rows: [string, number][]) => {
    process.stdout.write(`${title}\n`);
    for (const [k, share] of rows.slice(0, top)) process.stdout.write(`${(share * 100).toFixed(1).padStart(6)}%  ${k}\n`);
  };
  print('self time by owner (share of non-idle samples)', shares(profile, (n) => ownerOf(n.callFrame)));
  print('\nself time by function', shares(profile, (n) => `${n.callFrame.functionName || '(anonymous)'}  ${ownerOf(n.callFrame)}:${n.callFrame.lineNumber + 1}`));
}

main();
