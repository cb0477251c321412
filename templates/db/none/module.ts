import { defineModule } from '../../define.js';

export default defineModule({
  id: 'db/none',
  title: 'Notes in memory',
  fills: 'NotesRepository',
  register: { name: 'notesMemory', from: './modules/notes-memory/index.js' },
});
