import { defineModule } from '../../define.js';

export default defineModule({ id: 'queue/none', title: 'No job queue' });
