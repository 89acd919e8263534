export { AdminError, type AdminErrorCode, ADMIN_ERROR_STATUS } from './admin.errors.js';
export { AdminModule } from './admin.module.js';
