import type { FieldView } from '../../../src/resources/view.js';
import { defineModule } from '../../define.js';

const quote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The field's TypeBox schema, built from src/modules/api-rest/field-schemas.ts in the generated project. */
function fieldSchema(field: FieldView): string {
  if (field.type === 'enum') return `field.enum([${field.values.map(quote).join(', ')}])`;
  if (field.type === 'ref') return `field.ref(${quote(field.ref?.singularLabel ?? field.label)})`;
  return `field.${field.type}()`;
}

export default defineModule({
  id: 'api/rest',
  title: 'REST API',
  dependencies: ['@fastify/swagger', '@fastify/swagger-ui', '@fastify/type-provider-typebox', 'typebox'],
  fills: 'api',
  env: [
    {
      name: 'REST_DOCS',
      type: 'boolean',
      doc: 'Serve the OpenAPI document (/openapi.json) and the docs UI (/docs); unset = on in development and test, off in production',
    },
  ],
  register: { name: 'apiRest', from: './modules/api-rest/index.js' },
  // Optional fields are required keys of the record with null when absent; input may omit them or send null.
  resourceFields: (field) => {
    const schema = fieldSchema(field);
    const nullable = `Type.Union([${schema}, Type.Null()])`;
    return {
      restRecord: field.optional ? nullable : schema,
      restInput: field.optional ? `Type.Optional(${nullable})` : schema,
      restPatch: `Type.Optional(${field.optional ? nullable : schema})`,
    };
  },
});
