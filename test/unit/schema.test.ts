import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeCodegen, loadCodegenConfig } from '@graphql-codegen/cli';
import { buildGatewaySchema, printGatewaySchema, SCHEMA_FILES } from '../../src/server/schema';

const root = join(__dirname, '..', '..');

describe('generated artefacts', () => {
  it.each(SCHEMA_FILES)('%s is what the type-graphql classes build (run `npm run schema` after changing them)', async (file, sandbox) => {
    const built = printGatewaySchema(await buildGatewaySchema({ sandbox }));
    expect(readFileSync(join(root, file), 'utf8')).toBe(built);
  });

  it('schema.graphql is the production schema: no sandbox-only mutation', () => {
    const production = readFileSync(join(root, 'schema.graphql'), 'utf8');
    expect(production).not.toMatch(/simulateCall|simulateSms|simulateNumberStatus/);
    expect(readFileSync(join(root, 'schema.sandbox.graphql'), 'utf8')).toMatch(/simulateCall/);
  });

  it('test/generated matches schema.graphql and test/operations (run `npm run codegen`)', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.yml') });
    const outputs = await executeCodegen({ ...config, cwd: root, silent: true, verbose: false });
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      expect({ file: output.filename, content: readFileSync(join(root, output.filename), 'utf8') }).toEqual({ file: output.filename, content: output.content });
    }
  });
});
