import type { Rule } from '../rule';
import { approvalBeforeDate } from './approvalBeforeDate';
import { approverIncomplete } from './approverIncomplete';
import { criticalAuditOnly } from './criticalAuditOnly';
import { duplicateId } from './duplicateId';
import { duplicateSection } from './duplicateSection';
import { emptyField } from './emptyField';
import { emptyListItem } from './emptyListItem';
import { emptySection } from './emptySection';
import { fieldForm } from './fieldForm';
import { idMismatch } from './idMismatch';
import { implementationPrMissing } from './implementationPrMissing';
import { invalidDate } from './invalidDate';
import { invalidValue } from './invalidValue';
import { lowercaseKeyword } from './lowercaseKeyword';
import { malformedId } from './malformedId';
import { missingApprovalRow } from './missingApprovalRow';
import { missingField } from './missingField';
import { missingSection } from './missingSection';
import { missingSubsection } from './missingSubsection';
import { missingTitle } from './missingTitle';
import { multipleChecked } from './multipleChecked';
import { nothingChecked } from './nothingChecked';
import { otherUnnamed } from './otherUnnamed';
import { placeholder } from './placeholder';
import { rejectedWithoutDecision } from './rejectedWithoutDecision';
import { sectionOrder } from './sectionOrder';
import { selfApproval } from './selfApproval';
import { reviewUnchecked } from './reviewUnchecked';
import { ruleStatementForm } from './ruleStatementForm';
import { timelineOrder } from './timelineOrder';
import { unknownReference } from './unknownReference';
import { vagueWord } from './vagueWord';
import { weakModal } from './weakModal';

/** Every rule, in code order. Codes are public: never renumber or reuse one. */
export const RULES: readonly Rule[] = [
  missingSection,
  missingSubsection,
  duplicateSection,
  missingField,
  missingApprovalRow,
  invalidValue,
  invalidDate,
  malformedId,
  missingTitle,
  idMismatch,
  multipleChecked,
  duplicateId,
  sectionOrder,
  placeholder,
  emptySection,
  emptyListItem,
  nothingChecked,
  otherUnnamed,
  emptyField,
  reviewUnchecked,
  approverIncomplete,
  approvalBeforeDate,
  implementationPrMissing,
  rejectedWithoutDecision,
  selfApproval,
  ruleStatementForm,
  vagueWord,
  weakModal,
  lowercaseKeyword,
  timelineOrder,
  criticalAuditOnly,
  unknownReference,
  fieldForm,
];
