// How the forward plan's changes read on the forum's cards: to everyone ("Added to the forward
// plan by Sam Patel") and to the person who clicked.
import type { PlanCommand } from '../../records/forwardPlan.js';

export const PLAN_CHANGED: Record<PlanCommand['type'], string> = {
  addPlanItem: 'Added to the forward plan',
  withdrawPlanItem: 'Withdrawn from the forward plan',
  takePlanItems: 'Forward plan items put on a meeting agenda',
};

export const PLAN_SAVED: Partial<Record<PlanCommand['type'], string>> = {
  addPlanItem: 'Added to the forward plan: the draft agenda of the meeting it is due at holds it under “Scheduled items”.',
  withdrawPlanItem: 'Withdrawn from the forward plan.',
};
