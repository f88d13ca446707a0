/** The zod-free part of the contract: limits, levels, the re-authentication field, the password rule and the error codes. */
export { LIMITS, SOFTWARE_LEVELS, HARDWARE_LEVELS, REAUTH_FIELD, SENSITIVE_ACTIONS } from './limits.js';
export {
  PASSWORD_CHECKS,
  PASSWORD_MAX_BYTES,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
  utf8Length,
  type PasswordCheck,
} from './password-rule.js';
export { ERROR_CATALOGUE, ERROR_CODES, type ErrorCode, type ErrorKey } from './error-codes.js';
