/**
 * The query of the two role-membership rows (additions, removals): the activities through PIM and Core Directory,
 * people only (not the PIM system actor), counted per actor and window against the article's thresholds.
 */
import { template } from 'sentinel-forge';
import { CATEGORY } from './activities.ts';
import { PIM_SYSTEM_ACTORS, PRIVILEGED_ENTRA_ROLES, type ThresholdParameters } from './roles.ts';

export function roleMembershipQuery(operations: readonly string[], thresholds: ThresholdParameters) {
  return template('audit-activity', {
    categories: [CATEGORY.entraRoles],
    operations: [...operations],
    excludeInitiators: PIM_SYSTEM_ACTORS,
    threshold: {
      count: thresholds.users,
      window: thresholds.window,
      privilegedActors: { count: thresholds.privilegedAccounts, roles: [...PRIVILEGED_ENTRA_ROLES] },
      alwaysAlertRoles: [...thresholds.alwaysAlertRoles],
    },
  });
}
