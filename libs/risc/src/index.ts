export { RISC_ENTITIES, RiscModule } from './risc.module.js';
export { RiscError, type RiscErrorCode, RISC_ERROR_STATUS } from './risc.errors.js';
export { RISC_EVENT_TYPES, type RiscEventName } from './risc-event-types.js';
