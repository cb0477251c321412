import type { FieldView } from '../../../src/resources/view.js';
import { defineModule } from '../../define.js';

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export default defineModule({
  id: 'db/none',
  title: 'Records in memory',
  fills: 'Repositories',
  // The repository contract test names a reference's parent as messages start: "Customer".
  resourceFields: (field: FieldView) => ({ parentLabel: field.ref ? capitalize(field.ref.singularLabel) : undefined }),
  register: { name: 'dbMemory', from: './modules/db-memory/index.js' },
});
