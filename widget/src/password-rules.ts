/** The password rule lives in the contract, shared with the BFF; the widget re-exports it. */
export {
  PASSWORD_CHECKS as PASSWORD_RULES,
  PASSWORD_MAX_BYTES as MAX_PASSWORD_BYTES,
  passwordProblems,
  type PasswordCheck as PasswordRule,
} from '@textbook-assistant/contract/rules';
