import { AUTOMATION_TRIGGERS, type AutomationCondition, type RuleInput } from '../automation-contract.js';

/** How many rules may trigger one another in a row before the chain is stopped. */
export const MAX_CHAIN_DEPTH = 3;

const TASK_TRIGGERS = new Set(['task.completed', 'task.due']);
const CONTACT_TRIGGERS = new Set(['lead.created', 'lead.segment_entered']);

const normal = (value: unknown) =>
  String(value ?? '')
    .trim()
    .toLocaleLowerCase('de');

export function conditionHolds(condition: AutomationCondition, payload: Record<string, unknown>): boolean {
  const actual = payload[condition.field];
  switch (condition.op) {
    case 'equals':
      return normal(actual) === normal(condition.value);
    case 'not_equals':
      return normal(actual) !== normal(condition.value);
    case 'contains':
      return normal(actual).includes(normal(condition.value));
    case 'at_most':
      return Number(actual) <= Number(condition.value.replace(',', '.'));
    case 'at_least':
      return Number(actual) >= Number(condition.value.replace(',', '.'));
  }
}

export const conditionsHold = (
  conditions: readonly AutomationCondition[],
  payload: Record<string, unknown>,
) => conditions.every((c) => conditionHolds(c, payload));

/**
 * What is wrong with a rule, in German, or null. Besides fitting actions to the trigger, it
 * refuses a rule that would feed itself: completing tasks on "task completed" whose conditions
 * the completed tasks would meet again.
 */
export function ruleProblem(rule: RuleInput): string | null {
  const trigger = AUTOMATION_TRIGGERS[rule.trigger];
  for (const condition of rule.conditions) {
    if (!(condition.field in trigger.fields))
      return `Die Bedingung prüft „${condition.field}“, das es beim Auslöser „${trigger.label}“ nicht gibt.`;
  }
  for (const action of rule.actions) {
    if (
      (action.type === 'assign_task' || action.type === 'set_task_state') &&
      !TASK_TRIGGERS.has(rule.trigger)
    )
      return 'Zuweisen und Status setzen gehen nur bei Auslösern, die eine Aufgabe betreffen.';
    if (action.type === 'send_email' && !CONTACT_TRIGGERS.has(rule.trigger))
      return 'Eine E-Mail an den Kontakt geht nur bei Auslösern mit einem Kontakt (neue Anfrage, Segment).';
    if (rule.trigger === 'task.completed' && action.type === 'complete_tasks') {
      const titleConditions = rule.conditions.filter((c) => c.field === 'title');
      const refires = titleConditions.every((c) => {
        if (c.op === 'contains') return normal(action.titleContains).includes(normal(c.value));
        if (c.op === 'equals') return normal(action.titleContains) === normal(c.value);
        return true;
      });
      if (refires)
        return `Die Regel würde sich selbst auslösen: Erledigte Aufgaben mit „${action.titleContains}“ im Titel erfüllen wieder ihre Bedingung. Bitte die Bedingung enger fassen.`;
    }
  }
  return null;
}
