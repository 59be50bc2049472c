export const ROLES = ['owner', 'admin', 'agent', 'assistant', 'readonly'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Roles an admin may hand out; only an owner can make another owner. */
export function assignableRoles(actor: Role): Role[] {
  if (actor === 'owner') return [...ROLES];
  if (actor === 'admin') return ['admin', 'agent', 'assistant', 'readonly'];
  return [];
}
