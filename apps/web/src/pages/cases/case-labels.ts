import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type {
  Case,
  CaseChannel,
  CaseComplexity,
  CaseDocumentKindCode,
  CaseRecordKind,
  CaseStatus,
  CaseType,
  NotAcceptedGround,
  SealedRole,
} from '@hoi/contracts';
import {
  CASE_CHANNEL_NAMES,
  CASE_DOCUMENT_NAMES,
  CASE_RECORD_NAMES,
  CASE_STATUS_NAMES,
  CASE_TYPE_NAMES,
  NOT_ACCEPTED_GROUNDS,
} from '@hoi/contracts';
import { casesVi } from '../../i18n/cases.vi';
import { toLanguage } from '../../i18n/i18n';

export const CASE_STATUS_COLOR: Record<CaseStatus, string> = {
  received: 'blue',
  classified: 'geekblue',
  accepted: 'cyan',
  verifying: 'purple',
  concluded: 'gold',
  published: 'orange',
  closed: 'green',
  not_accepted: 'default',
  forwarded: 'default',
  withdrawn: 'default',
};

/** The colour of a "days left" tag: red overdue, orange ≤ 3 days, gold ≤ 7, green otherwise. */
export function daysLeftColor(daysLeft: number, overdue: boolean): string {
  if (overdue || daysLeft < 0) return 'red';
  if (daysLeft <= 3) return 'orange';
  if (daysLeft <= 7) return 'gold';
  return 'green';
}

/** Complaint types (both rounds possible; grounds of the Law on Complaints). */
export function isComplaintType(type: CaseType): boolean {
  return type === 'complaint' || type === 'complaint_discipline';
}

/** The grounds that fit a case type: complaint_* or denunciation_*, plus "other". */
export function groundsFor(type: CaseType): NotAcceptedGround[] {
  const family = isComplaintType(type)
    ? 'complaint_'
    : type === 'denunciation'
      ? 'denunciation_'
      : null;
  return (Object.keys(NOT_ACCEPTED_GROUNDS) as NotAcceptedGround[]).filter(
    (ground) => ground === 'other' || (family !== null && ground.startsWith(family)),
  );
}

/** The documents the server will issue for the case as it is now (see assertDocumentFits). */
export function documentKindsFor(c: Case): CaseDocumentKindCode[] {
  const fits: Record<CaseDocumentKindCode, boolean> = {
    acceptance_notice: c.acceptedOn !== null,
    non_acceptance_notice: c.notAccepted !== null,
    forward_notice: c.forwarded !== null,
    extension_decision: c.extensions.length > 0,
    resolution_decision: c.concluded !== null && c.type !== 'denunciation',
    denunciation_conclusion: c.concluded !== null && c.type === 'denunciation',
    publication_notice: c.publication !== null,
  };
  return (Object.keys(fits) as CaseDocumentKindCode[]).filter((kind) => fits[kind]);
}

/** A date the server takes for a case event: not after today, not before the date received. */
export function caseDateDisabled(receivedOn: string) {
  return (value: Dayjs) =>
    value.isAfter(dayjs(), 'day') || value.isBefore(dayjs(receivedOn, 'YYYY-MM-DD'), 'day');
}

/** "vi / en" texts from the server (clock warnings), in the UI language. */
export function bilingualPart(text: string, lang: 'vi' | 'en'): string {
  const index = text.indexOf(' / ');
  if (index < 0) return text;
  return lang === 'en' ? text.slice(index + 3) : text.slice(0, index);
}

/** Names of the case vocabularies in the UI language (contracts' tables and `cases.*`). */
export function useCaseLabels() {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  const milestoneName = (key: string | null | undefined) => {
    if (!key) return '';
    return key in casesVi.milestones
      ? t(`cases.milestones.${key as keyof typeof casesVi.milestones}`)
      : key;
  };
  const eventName = (kind: string) =>
    kind in casesVi.events ? t(`cases.events.${kind as keyof typeof casesVi.events}`) : kind;
  const typeName = (type: CaseType) => CASE_TYPE_NAMES[type][lang];
  return {
    lang,
    typeName,
    statusName: (status: CaseStatus) => CASE_STATUS_NAMES[status][lang],
    channelName: (channel: CaseChannel) => CASE_CHANNEL_NAMES[channel][lang],
    recordName: (kind: CaseRecordKind) => CASE_RECORD_NAMES[kind][lang],
    documentName: (kind: CaseDocumentKindCode) => CASE_DOCUMENT_NAMES[kind][lang],
    groundName: (ground: string) =>
      ground in NOT_ACCEPTED_GROUNDS
        ? NOT_ACCEPTED_GROUNDS[ground as NotAcceptedGround][lang]
        : ground,
    complexityName: (complexity: CaseComplexity) => t(`cases.complexity.${complexity}`),
    roleName: (role: SealedRole) => t(`cases.sealedRoles.${role}`),
    milestoneName,
    eventName,
  };
}
