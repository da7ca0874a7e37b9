/**
 * The emulator's seed: which apps exist, their numbers, where pushes go, and how fast time runs.
 * The same shape is read from `--seed <file.json>` by `npm run emulator` (documented in docs/emulator.md).
 */
export type SeedMode = 'AX' | 'AXB' | 'AXE' | 'AXYB';

export interface SeedNumber {
  /** X (or Y) number in global format, e.g. `+8617000000001`. */
  number: string;
  /**
   * City code with its leading zero, e.g. `0755`. Numbers added at run time (`addNumbers`) may give `''`:
   * city unknown, so only an explicit request or a non-strict fallback picks them.
   */
  cityCode: string;
}

/** Push addresses; any left out falls back to `default`. Absent altogether = this app pushes nothing. */
export interface SeedPushUrls {
  default?: string;
  callStatus?: string;
  fee?: string;
  smsNotify?: string;
  smsBlock?: string;
  numStatus?: string;
}

export interface SeedApp {
  name: string;
  mode: SeedMode;
  appKey: string;
  appSecret: string;
  numbers: SeedNumber[];
  push?: SeedPushUrls;
  /** AXE only: extension length 1–4 fixed per app (default 4). */
  extensionLength?: number;
  /** How pushes are signed (push-api.md §1.3): `aksk` (current, the default) or the older `wsse`. */
  pushScheme?: 'aksk' | 'wsse';
  /** The customer's cloud account carried as `spId` in CDRs (String 1-32). Default `sp-<name>`, cut to 32. */
  spId?: string;
}

export interface EmulatorSeed {
  apps: SeedApp[];
  /**
   * Multiplies every platform duration: binding lifetimes, the 60 s temporary callee, push retry delays.
   * 1 = real time; 0.001 makes a 7200 s binding expire after 7.2 s. Default 1.
   */
  timeScale?: number;
  /** Allowed |Created − now| in seconds (default 300). */
  authWindowSeconds?: number;
}

/** City codes → province, for non-strict matching (`areaMatchMode` "1"). */
export const CITY_PROVINCE: Readonly<Record<string, string>> = {
  '010': 'Beijing',
  '021': 'Shanghai',
  '0755': 'Guangdong',
  '020': 'Guangdong',
  '0769': 'Guangdong',
  '0571': 'Zhejiang',
  '028': 'Sichuan',
};

/** Three 11-digit mobile-format numbers per city, e.g. `+8617000000001` (prefix 17000, city 0, number 00001). */
function sandboxNumbers(prefix: string): SeedNumber[] {
  const cities = ['0755', '010', '021', '020'];
  return cities.flatMap((cityCode, c) =>
    [1, 2, 3].map((i) => ({ number: `+86${prefix}${c}${String(i).padStart(5, '0')}`, cityCode })),
  );
}

/**
 * The sandbox: one app per mode, fictional X numbers (170/171 virtual-operator ranges) in four cities.
 * Keys are public on purpose: the sandbox never talks to the real platform.
 */
export function sandboxSeed(pushBaseUrl?: string): EmulatorSeed {
  const app = (name: string, mode: SeedMode, prefix: string): SeedApp => ({
    name,
    mode,
    appKey: `sandbox${mode}AppKey00000000`.slice(0, 24),
    appSecret: `sandbox${mode}Secret0000000`.slice(0, 22),
    numbers: sandboxNumbers(prefix),
    push: pushBaseUrl ? { default: `${pushBaseUrl}/webhooks/${name}` } : undefined,
  });
  return {
    timeScale: 1,
    apps: [
      app('sandbox-ax', 'AX', '17000'),
      app('sandbox-axb', 'AXB', '17001'),
      app('sandbox-axe', 'AXE', '17002'),
      app('sandbox-axyb', 'AXYB', '17003'),
    ],
  };
}

/**
 * `--push-to <url>`: every app without its own `push` pushes to `<url>/webhooks/<app name>` (the gateway's
 * webhook address); apps with `push` keep theirs. `url` is an http(s) URL; a trailing `/` is dropped.
 */
export function withPushTo(seed: EmulatorSeed, url: string): EmulatorSeed {
  const base = url.replace(/\/+$/, '');
  return { ...seed, apps: seed.apps.map((a) => (a.push ? a : { ...a, push: { default: `${base}/webhooks/${encodeURIComponent(a.name)}` } })) };
}
