import { defineModule } from '../../define.js';

export default defineModule({
  id: 'db/none',
  title: 'Records in memory',
  fills: 'Repositories',
  register: { name: 'dbMemory', from: './modules/db-memory/index.js' },
});
