// @livedata/axios with axios 1.8.2 (pinned in package.json), installed from the tarballs.
import { axiosChecks } from '../axios-checks.mjs';

axiosChecks('axios-1.8.2');
