import { Model } from 'objection';

export class UserProfileModel extends Model {
  static override tableName = 'user_profiles';
  static override idColumn = 'user_id';
  static override jsonAttributes = ['interests'];
  user_id!: string;
  software_experience!: 'Beginner' | 'Intermediate' | 'Advanced';
  hardware_experience!: 'None' | 'Basic' | 'Advanced';
  interests!: string[];
  created_at!: Date;
  updated_at!: Date;
}
