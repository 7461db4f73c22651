export { LIVE_DATA_MODULE_OPTIONS } from './live-data.constants.js';
export { InjectLiveDataHttpService, InjectTokenManager } from './live-data.decorators.js';
export { LiveDataModule } from './live-data.module.js';
export type {
  LiveDataModuleAsyncOptions,
  LiveDataModuleExtras,
  LiveDataModuleOptions,
  LiveDataModuleSyncOptions,
  LiveDataOptionsFactory,
} from './live-data.options.js';
export { getLiveDataHttpServiceToken, getTokenManagerToken } from './live-data.tokens.js';
export {
  type LiveDataErrorResponse,
  type LiveDataErrorResponseCode,
  toNestErrorResponse,
} from './live-data-error-response.js';
export { LiveDataExceptionFilter } from './live-data-exception.filter.js';
export { LiveDataHttpService } from './live-data-http.service.js';
