import { resourceAlertDisabledDetection } from './resource-alert-disabled.ts';

export default resourceAlertDisabledDetection({
  id: 'pim-azure-alert-disabled-too-many-owners',
  displayName: 'Too many owners assigned to a resource',
  alertId: 'TooManyOwnersAssignedToResource',
  filter: 'Action : Disable Alert -and- Primary Target : Too many owners assigned to a resource -and- Status = Succeeded',
  notes: 'Helps detect bad actor disabling alerts from Alerts pane which can bypass malicious activity being investigated',
});
