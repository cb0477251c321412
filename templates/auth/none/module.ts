import { defineModule } from '../../define.js';

// The core's default Authenticator lets every caller in; the tests' auth helper sends nothing.
export default defineModule({ id: 'auth/none', title: 'No authentication' });
