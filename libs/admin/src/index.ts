export { AdminError, type AdminErrorCode, adminErrorStatus } from './admin.errors.js';
export { AdminModule } from './admin.module.js';
