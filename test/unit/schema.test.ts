import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeCodegen, loadCodegenConfig } from '@graphql-codegen/cli';
import { buildGatewaySchema, printGatewaySchema } from '../../src/server/schema';

const root = join(__dirname, '..', '..');

describe('generated artefacts', () => {
  it('schema.graphql is what the type-graphql classes build (run `npm run schema` after changing them)', async () => {
    const built = printGatewaySchema(await buildGatewaySchema());
    expect(readFileSync(join(root, 'schema.graphql'), 'utf8')).toBe(built);
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
