/** Types of the BFF's HTTP API (DESIGN.md, "HTTP API"). */

export const SOFTWARE_LEVELS = ['Beginner', 'Intermediate', 'Advanced'] as const;
export const HARDWARE_LEVELS = ['None', 'Basic', 'Advanced'] as const;

export type SoftwareExperience = (typeof SOFTWARE_LEVELS)[number];
export type HardwareExperience = (typeof HARDWARE_LEVELS)[number];
export type AnswerLevel = SoftwareExperience | 'default';
export type AnswerMode = 'cohere' | 'extractive';

export interface ProfileFields {
  software_experience: SoftwareExperience;
  hardware_experience: HardwareExperience;
  interests: string[];
}

export interface UserProfile extends ProfileFields {
  created_at: string;
  updated_at: string;
}

/** GET /profile and PUT /profile. */
export interface Account {
  id: string;
  email: string;
  profile: UserProfile;
  created_at: string;
  last_login_at: string | null;
}

/** The `user` of sign-up and sign-in responses. */
export interface AuthUser {
  id: string;
  email: string;
  [key: string]: unknown;
}

export interface AuthResponse {
  user: AuthUser;
  expires_in: number;
}

export interface SignUpRequest extends ProfileFields {
  email: string;
  password: string;
}

export interface SignInRequest {
  email: string;
  password: string;
}

/** One earlier turn of the conversation sent with a question, oldest first. */
export interface HistoryTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface QueryRequest {
  query: string;
  max_results?: number;
  selected_text?: string;
  /** The conversation's previous turns (at most 10, each 1..4000 characters). */
  history?: HistoryTurn[];
}

export interface Citation {
  title: string;
  url: string;
  heading_path: string[] | string;
  source_path: string;
  snippet: string;
  score: number;
}

export interface QueryMeta {
  citations: Citation[];
  personalization_applied: boolean;
  level: AnswerLevel;
  mode: AnswerMode;
  query_id: string;
}

export interface QueryResponse extends QueryMeta {
  answer: string;
  /** False when the book does not cover the question. */
  answered?: boolean;
}

export interface ErrorDetail {
  path: string;
  message: string;
}

/** The one error shape of the API. */
export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[] };
}

/** GET /account: the account's security facts (the profile lives at /profile). */
export interface AccountInfo {
  id: string;
  email: string;
  email_verified: boolean;
  role: 'user' | 'admin';
  two_factor_enabled: boolean;
  created_at: string;
}

/** One sign-in (a refresh-token family) in GET /account/sessions. */
export interface SessionInfo {
  id: string;
  device: string;
  user_agent: string | null;
  ip: string | null;
  created_at: string;
  last_used_at: string;
  current: boolean;
}

/** POST /auth/signin answers this instead of a session when the account has two-factor sign-in. */
export interface TwoFactorRequired {
  two_factor_required: true;
}

/** The second sign-in step: a current code or one recovery code. */
export type SecondFactor = { code: string } | { recovery_code: string };

/** POST /account/2fa/setup. */
export interface TwoFactorSetup {
  otpauth_uri: string;
  /** Server-made SVG markup: shown only through an `<img>` data URL, which cannot run script. */
  qr_svg: string;
}

/** GET /auth/session: always 200; `refreshable` says whether POST /auth/refresh would succeed. */
export interface SessionState {
  user: Account | null;
  expires_in: number | null;
  refreshable: boolean;
}
