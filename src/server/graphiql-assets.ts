import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** One static file of the GraphiQL page, served from /graphql/assets/<name>. */
interface AssetSource {
  /** Package whose files ship the asset (resolved through its package.json, as `exports` hide the files). */
  pkg: string;
  file: string;
  contentType: string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Every file the page references, by URL name. All come from installed packages: no CDN, works offline. */
export const GRAPHIQL_ASSETS: Readonly<Record<string, AssetSource>> = {
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js', contentType: JS },
  'react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', contentType: JS },
  'graphql-ws.min.js': { pkg: 'graphql-ws', file: 'umd/graphql-ws.min.js', contentType: JS },
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js', contentType: JS },
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css', contentType: CSS },
};

export interface Asset {
  body: Buffer;
  contentType: string;
}

/**
 * Reads assets on first request and keeps them in memory (about 2 MB in all). `init.js` (the page's
 * bootstrap script) is passed in, as it is generated, not installed.
 */
export class GraphiqlAssets {
  private readonly cache = new Map<string, Promise<Asset>>();

  constructor(private readonly generated: Readonly<Record<string, Asset>>) {}

  /** The asset, or null when no asset has that name. */
  get(name: string): Promise<Asset> | null {
    const made = this.generated[name];
    if (made) return Promise.resolve(made);
    const source = Object.hasOwn(GRAPHIQL_ASSETS, name) ? GRAPHIQL_ASSETS[name] : undefined;
    if (!source) return null;
    let asset = this.cache.get(name);
    if (!asset) {
      asset = readFile(join(dirname(require.resolve(`${source.pkg}/package.json`)), source.file)).then((body) => ({ body, contentType: source.contentType }));
      asset.catch(() => this.cache.delete(name));
      this.cache.set(name, asset);
    }
    return asset;
  }
}
