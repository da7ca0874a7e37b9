import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType, type GraphQLSchema } from 'graphql';
import { buildGatewaySchema } from '../../src/server/schema';

/**
 * Every element of the sandbox schema (the superset of the production one) that a client reads in its tooling
 * without a description: named types, fields, arguments, input fields and enum values. The built-in scalars and
 * the introspection types (`__*`) are graphql-js's and described there.
 */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const builtIn = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
  const empty = (description: string | null | undefined): boolean => description === undefined || description === null || description.trim() === '';
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || builtIn.has(type.name)) continue;
    const isRoot = type === schema.getQueryType() || type === schema.getMutationType() || type === schema.getSubscriptionType();
    if (!isRoot && empty(type.description)) missing.push(`type ${type.name}`);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (empty(field.description)) missing.push(`field ${type.name}.${field.name}`);
        for (const arg of field.args) if (empty(arg.description)) missing.push(`argument ${type.name}.${field.name}(${arg.name})`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (empty(field.description)) missing.push(`input field ${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (empty(value.description)) missing.push(`enum value ${type.name}.${value.name}`);
    } else if (!isScalarType(type) && !isUnionType(type)) {
      missing.push(`type ${(type as { name: string }).name} of an unchecked kind`);
    }
  }
  return missing.sort();
}


describe('schema descriptions', () => {
  it('every type, field, argument, input field and enum value of the sandbox schema has a description', async () => {
    expect(undescribed(await buildGatewaySchema({ sandbox: true }))).toEqual([]);
  });

  it('finds an element without a description', async () => {
    const schema = await buildGatewaySchema({ sandbox: true });
    const status = schema.getType('NumberStatus');
    if (!isEnumType(status)) throw new Error('NumberStatus is not an enum');
    const value = status.getValue('NORMAL')!;
    const saved = value.description;
    value.description = undefined;
    try {
      expect(undescribed(schema)).toContain('enum value NumberStatus.NORMAL');
    } finally {
      value.description = saved;
    }
  });
});
