import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGatewaySchema, printGatewaySchema, SCHEMA_FILES } from '../src/server/schema';

/**
 * `npm run schema`: writes, from the type-graphql classes, `schema.graphql` (what a production gateway serves:
 * the contract for clients) and `schema.sandbox.graphql` (the superset a sandbox serves, with the simulate*
 * mutations). Both are committed; test/unit/schema.test.ts fails when one no longer matches the code. Run
 * `npm run codegen` afterwards.
 */
async function main(): Promise<void> {
  for (const [file, sandbox] of SCHEMA_FILES) {
    const target = join(__dirname, '..', file);
    writeFileSync(target, printGatewaySchema(await buildGatewaySchema({ sandbox })));
    process.stdout.write(`wrote ${target}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
