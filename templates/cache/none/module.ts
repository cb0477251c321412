import { defineModule } from '../../define.js';

// The core's default Cache port is a no-op cache: nothing to add.
export default defineModule({ id: 'cache/none', title: 'No cache' });
