// The planner: engagement templates per category, and the pure functions that turn agreed
// categories into a dated, capacity-checked plan for the year.
export * from './templates';
export * from './default-templates';
export * from './validate-templates';
export * from './plan-types';
export { PlanInputError, validatePlanInput } from './validate-plan-input';
export { plan } from './plan';
export { replan, diffPlans, type EngagementMove, type PlanDiff } from './replan';
export { checkMove, type MoveCheck } from './check-move';
export { checkBooking, type Booking, type BookingCheck } from './booking';
export * from './capacity-summary';
export { narrowPlan, type PlanScope } from './narrow';
