import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGatewaySchema, printGatewaySchema } from '../src/server/schema';

/**
 * `npm run schema`: writes schema.graphql (top level) from the type-graphql classes. The file is committed;
 * test/unit/schema.test.ts fails when it no longer matches the code. Run `npm run codegen` afterwards.
 */
async function main(): Promise<void> {
  const target = join(__dirname, '..', 'schema.graphql');
  writeFileSync(target, printGatewaySchema(await buildGatewaySchema()));
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
