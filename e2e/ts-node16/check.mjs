// TypeScript with module/moduleResolution node16: an ES module package (the README samples
// and an app) and a CommonJS one (cjs/, "type": "commonjs", the Nest 10/11 scaffold's world).
import { typeScriptChecks } from '../ts-checks.mjs';

typeScriptChecks('ts-node16', {
  projects: {
    'node16, ES module package: every README sample and the app': '.',
    'node16, CommonJS package: the app, importing every package, attachLiveDataAuth(axios.create())':
      'cjs',
  },
});
