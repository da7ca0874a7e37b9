import { GRAPHIQL_ASSETS, type Asset, GraphiqlAssets } from './graphiql-assets';

/** URL path under which the page's assets are served. */
export const ASSETS_PATH = '/graphql/assets/';

const DEFAULT_QUERY = `# PrivateNumber gateway: press Run (Ctrl-Enter)
# to list the configured apps.
query Apps {
  apps {
    name
    mode
    appKey
  }
}
`;

/**
 * The bootstrap script: GraphiQL on this origin's /graphql, subscriptions over graphql-ws on the same path
 * (ws:// or wss:// to match the page). Served as a file so the page needs no inline script.
 */
function initScript(): string {
  return `(function () {
  var httpUrl = new URL(window.location.pathname, window.location.href);
  httpUrl.search = '';
  var wsUrl = httpUrl.href.replace(/^http/, 'ws');
  var fetcher = GraphiQL.createFetcher({
    url: httpUrl.href,
    wsClient: graphqlWs.createClient({ url: wsUrl, lazy: true }),
  });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
    defaultEditorToolsVisibility: true,
    shouldPersistHeaders: false,
  }));
})();
`;
}

/** The HTML page. Every URL in it is a path on this origin. */
export function graphiqlHtml(): string {
  const script = (name: string) => `    <script src="${ASSETS_PATH}${name}"></script>`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>PrivateNumber gateway · GraphiQL</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${ASSETS_PATH}graphiql.min.css" />
    <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
${['react.production.min.js', 'react-dom.production.min.js', 'graphql-ws.min.js', 'graphiql.min.js', 'init.js'].map(script).join('\n')}
  </body>
</html>
`;
}

/** The page's assets: installed bundles plus the generated `init.js`. */
export function createGraphiqlAssets(): GraphiqlAssets {
  const init: Asset = { body: Buffer.from(initScript(), 'utf8'), contentType: 'text/javascript; charset=utf-8' };
  return new GraphiqlAssets({ 'init.js': init });
}
