export { AppError, type AppErrorOptions, type StatusTable } from './app-error.js';
