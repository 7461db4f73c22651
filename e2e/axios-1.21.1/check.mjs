// @livedata/axios with axios 1.21.1 (pinned in package.json), installed from the tarballs.
import { axiosChecks } from '../axios-checks.mjs';

axiosChecks('axios-1.21.1');
