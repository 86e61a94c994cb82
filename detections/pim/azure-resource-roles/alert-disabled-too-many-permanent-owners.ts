import { resourceAlertDisabledDetection } from './resource-alert-disabled.ts';

export default resourceAlertDisabledDetection({
  id: 'pim-azure-alert-disabled-too-many-permanent-owners',
  displayName: 'Too many permanent owners assigned to a resource',
  alertId: 'TooManyPermanentOwnersAssignedToResource',
  filter: 'Action : Disable Alert -and- Primary Target : Too many permanent owners assigned to a resource -and- Status = Succeeded',
  notes: 'Prevent bad actor from disable alerts from Alerts pane which can bypass malicious activity being investigated',
});
