import { Model } from 'objection';

export class UserModel extends Model {
  static override tableName = 'users';
  id!: string;
  email!: string;
  hashed_password!: string;
  is_active!: boolean;
  email_verified!: boolean;
  role!: 'user' | 'admin';
  created_at!: Date;
  updated_at!: Date;
  last_login_at!: Date | null;
}

export class SessionModel extends Model {
  static override tableName = 'sessions';
  id!: string;
  user_id!: string;
  family_id!: string;
  refresh_hash!: string;
  expires_at!: Date;
  rotated_at!: Date | null;
  revoked_at!: Date | null;
  user_agent!: string | null;
  ip!: string | null;
  created_at!: Date;
  last_used_at!: Date;
}
