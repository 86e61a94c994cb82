import { resourceAlertDisabledDetection } from './resource-alert-disabled.ts';

export default resourceAlertDisabledDetection({
  id: 'pim-azure-alert-disabled-duplicate-role-created',
  displayName: 'Duplicate role created',
  alertId: 'DuplicateRoleCreated',
  filter: 'Action : Disable Alert -and- Primary Target Duplicate role created -and- Status = Succeeded',
  notes: 'Prevent bad actor from disable alerts from Alerts pane which can bypass malicious activity being investigated',
});
