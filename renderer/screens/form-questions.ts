/**
 * The one form of a matter or a 一件事 bundle: a few choices made with big buttons (no
 * typing at a kiosk). Answers travel as `answers` in submitApplication.
 */
import type { MatterView } from '../../electron/common/journey-schemas.js';
import type { MessageKey } from '../i18n/i18n.js';

export interface FormQuestion {
  id: string;
  label: MessageKey;
  options: Array<{ value: string; label: MessageKey }>;
}

const delivery: FormQuestion = {
  id: 'delivery',
  label: 'form.delivery',
  options: [
    { value: 'print', label: 'form.delivery.print' },
    { value: 'electronic', label: 'form.delivery.electronic' },
    { value: 'mail', label: 'form.delivery.mail' },
  ],
};

const newbornSettle: FormQuestion = {
  id: 'settleWith',
  label: 'form.settle',
  options: [
    { value: 'father', label: 'form.settle.father' },
    { value: 'mother', label: 'form.settle.mother' },
  ],
};

/** The questions a matter asks; the first option of each is preselected (fewer choices to make). */
export function questionsFor(matter: MatterView): FormQuestion[] {
  // A birth proof means a newborn: the household registration needs to know with whom.
  return matter.proofs.some((p) => p.proofType === 'birth') ? [newbornSettle, delivery] : [delivery];
}

export function answerOf(question: FormQuestion, answers: Record<string, string>): string {
  return answers[question.id] ?? question.options[0]!.value;
}
