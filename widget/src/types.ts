/**
 * The BFF's HTTP API as the widget uses it: every shape comes from the contract package
 * (contract/src), under the names the widget has always exported. Nothing is declared here.
 */
export { HARDWARE_LEVELS, SOFTWARE_LEVELS } from '@textbook-assistant/contract/rules';
export type {
  AccountView as AccountInfo,
  AnswerLevel,
  AnswerMode,
  AuthResponse,
  Citation,
  ErrorBody,
  ErrorCode,
  ErrorDetail,
  HardwareExperience,
  HistoryTurn,
  ProfileFields,
  QueryAnswer as QueryResponse,
  QueryMeta,
  QueryRequest,
  SecondFactorRequest as SecondFactor,
  SessionStatusResponse as SessionState,
  SessionView as SessionInfo,
  SetupResponse as TwoFactorSetup,
  SigninRequest as SignInRequest,
  SignupRequest as SignUpRequest,
  SoftwareExperience,
  TwoFactorRequiredResponse as TwoFactorRequired,
  UserView as Account,
  UserView as AuthUser,
} from '@textbook-assistant/contract';
