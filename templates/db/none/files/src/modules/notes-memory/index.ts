import { defineModule } from '../../core/context.js';
import { createMemoryNotesRepository } from './repository.js';

export default defineModule({
  name: 'notes-memory',
  kind: 'infra',
  register(_app, ctx) {
    ctx.ports.notes = createMemoryNotesRepository();
  },
});
