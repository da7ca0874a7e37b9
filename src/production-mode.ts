/**
 * graphql-js and Apollo Server choose their mode from `NODE_ENV` when their modules load: development
 * mode adds `instanceOf` realm checks on every schema type test (about a tenth of the CPU of a small query)
 * and development-only warnings. The gateway runs in production mode unless `NODE_ENV` is set explicitly
 * (jest sets `test`; `NODE_ENV=development` brings the checks back). `main.ts` imports this module first,
 * before anything that loads graphql, so the value is in place when graphql reads it.
 */
process.env.NODE_ENV ??= 'production';
