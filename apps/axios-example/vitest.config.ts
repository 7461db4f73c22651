import { packageTestConfig } from '../../vitest.shared.js';

// Each test runs the built CLI in a child process, sometimes several.
export default packageTestConfig();
