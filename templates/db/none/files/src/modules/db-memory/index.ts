import { defineModule } from '../../core/context.js';
import { createMemoryRepositories } from './repositories.js';

export default defineModule({
  name: 'db-memory',
  kind: 'infra',
  register(_app, ctx) {
    ctx.ports.repositories = createMemoryRepositories();
  },
});
