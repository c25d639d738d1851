import type { ReactNode } from 'react';
import { Alert, Card, Descriptions, Empty, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Case, CaseDocumentKindCode, CaseRecordKind } from '@hoi/contracts';
import { CASE_DOCUMENT_NAMES, CASE_RECORD_NAMES } from '@hoi/contracts';
import { ItemList } from '../../components/ItemList';
import { formatDate, formatDateTime } from '../../lib/format';
import { useCaseLabels } from './case-labels';

function Multiline({ children }: { children: ReactNode }) {
  return <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{children}</Typography.Text>;
}

/** Summary, content, the accused, the complainant and the linked cases. */
export function CaseContentCard({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const complainant = kase.complainant;
  const links = [
    ...(kase.parentCase ? [{ ...kase.parentCase, label: t('cases.detail.parentCase') }] : []),
    ...(kase.duplicateOf ? [{ ...kase.duplicateOf, label: t('cases.detail.duplicateOf') }] : []),
    ...kase.linkedCases.map((linked) => ({
      id: linked.id,
      number: linked.number,
      label:
        linked.relation === 'next_round'
          ? t('cases.detail.nextRound')
          : t('cases.detail.duplicate'),
    })),
  ];
  return (
    <Card size="small" title={t('cases.detail.content')} data-testid="case-content">
      {kase.anonymous && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('cases.detail.anonymous')}
        />
      )}
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'subject',
            label: t('cases.detail.subject'),
            children: <Multiline>{kase.subject}</Multiline>,
          },
          {
            key: 'content',
            label: t('cases.detail.body'),
            children: kase.content ? <Multiline>{kase.content}</Multiline> : '—',
          },
          { key: 'accused', label: t('cases.detail.accused'), children: kase.accused ?? '—' },
          ...(complainant
            ? [
                {
                  key: 'complainant',
                  label: t('cases.detail.complainant'),
                  children: (
                    <span>
                      {[
                        complainant.fullName,
                        complainant.idNumber,
                        complainant.phone,
                        complainant.email,
                        complainant.address,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  ),
                },
              ]
            : []),
          ...(links.length > 0
            ? [
                {
                  key: 'linked',
                  label: t('cases.detail.linked'),
                  children: (
                    <span>
                      {links.map((link, index) => (
                        <span key={link.id}>
                          {index > 0 && ' · '}
                          {link.label}: <Link to={`/cases/${link.id}`}>{link.number}</Link>
                        </span>
                      ))}
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** Acceptance, refusal, forwarding, withdrawal, conclusion, publication, closing; extensions and suspensions. */
export function CaseOutcomeCard({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const items = [
    ...(kase.acceptedOn
      ? [
          {
            key: 'acceptedOn',
            label: t('cases.detail.acceptedOn'),
            children: formatDate(kase.acceptedOn),
          },
        ]
      : []),
    ...(kase.lateReason
      ? [{ key: 'lateReason', label: t('cases.detail.lateReason'), children: kase.lateReason }]
      : []),
    ...(kase.notAccepted
      ? [
          {
            key: 'notAccepted',
            label: t('cases.detail.notAccepted'),
            children: `${formatDate(kase.notAccepted.on)}: ${labels.groundName(kase.notAccepted.ground)}${kase.notAccepted.note ? ` — ${kase.notAccepted.note}` : ''}`,
          },
        ]
      : []),
    ...(kase.forwarded
      ? [
          {
            key: 'forwarded',
            label: t('cases.detail.forwarded'),
            children: `${kase.forwarded.to} (${formatDate(kase.forwarded.on)})`,
          },
        ]
      : []),
    ...(kase.withdrawn
      ? [
          {
            key: 'withdrawn',
            label: t('cases.detail.withdrawn'),
            children: [
              formatDate(kase.withdrawn.on),
              kase.withdrawn.reason,
              kase.withdrawn.continueHandling ? t('cases.detail.continueHandling') : null,
            ]
              .filter(Boolean)
              .join(' — '),
          },
        ]
      : []),
    ...(kase.concluded
      ? [
          {
            key: 'concludedOn',
            label: t('cases.detail.concluded'),
            children: formatDate(kase.concluded.on),
          },
          {
            key: 'findings',
            label: t('cases.detail.findings'),
            children: <Multiline>{kase.concluded.findings}</Multiline>,
          },
          {
            key: 'conclusion',
            label: t('cases.detail.conclusion'),
            children: <Multiline>{kase.concluded.conclusion}</Multiline>,
          },
        ]
      : []),
    ...(kase.publication
      ? [
          {
            key: 'publication',
            label: t('cases.detail.publication'),
            children: `${t('cases.detail.publicationPeriod', {
              from: formatDate(kase.publication.from),
              until: formatDate(kase.publication.until),
            })} — ${kase.publication.place}`,
          },
          {
            key: 'publishedText',
            label: t('cases.detail.publishedText'),
            children: (
              <span data-testid="case-published-text">
                <Multiline>{kase.publication.text}</Multiline>
              </span>
            ),
          },
        ]
      : []),
    ...(kase.closedOn
      ? [
          {
            key: 'closedOn',
            label: t('cases.detail.closedOn'),
            children: formatDate(kase.closedOn),
          },
        ]
      : []),
    ...(kase.extensions.length > 0
      ? [
          {
            key: 'extensions',
            label: t('cases.detail.extensions'),
            children: (
              <div data-testid="case-extensions">
                {kase.extensions.map((extension) => (
                  <div key={extension.ordinal}>
                    {t('cases.detail.extension', {
                      ordinal: extension.ordinal,
                      days: extension.days,
                      decision: extension.decisionNumber,
                      date: formatDate(extension.decidedOn),
                    })}
                    <Typography.Text type="secondary"> — {extension.reason}</Typography.Text>
                  </div>
                ))}
              </div>
            ),
          },
        ]
      : []),
    ...(kase.suspensions.length > 0
      ? [
          {
            key: 'suspensions',
            label: t('cases.detail.suspensions'),
            children: (
              <div>
                {kase.suspensions.map((suspension) => (
                  <div key={`${suspension.decisionNumber}-${suspension.from}`}>
                    {t('cases.detail.suspension', {
                      decision: suspension.decisionNumber,
                      from: formatDate(suspension.from),
                      to: suspension.to
                        ? formatDate(suspension.to)
                        : t('cases.detail.suspensionOngoing'),
                    })}
                    <Typography.Text type="secondary"> — {suspension.reason}</Typography.Text>
                  </div>
                ))}
              </div>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card size="small" title={t('cases.detail.progress')} data-testid="case-outcome">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.detail.nothingYet')} />
      ) : (
        <Descriptions size="small" column={1} items={items} />
      )}
    </Card>
  );
}

/** Plans, minutes, dialogues and verification reports, in date order. */
export function CaseRecordsCard({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  return (
    <Card size="small" title={t('cases.detail.records')}>
      <ItemList
        items={kase.records}
        itemKey={(record) => record.id}
        emptyText={t('cases.detail.nothingYet')}
        data-testid="case-records"
        title={(record) => (
          <span>
            <Tag>{labels.recordName(record.kind)}</Tag> {formatDate(record.on)}
            {record.by && (
              <Typography.Text type="secondary">
                {' '}
                · {t('cases.detail.timelineBy', { name: record.by })}
              </Typography.Text>
            )}
          </span>
        )}
        description={(record) => <Multiline>{record.text}</Multiline>}
      />
    </Card>
  );
}

/** Every step on the case, newest first. */
export function CaseTimelineCard({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  // Some notes start with a code (a record or document kind): shown by its name.
  const eventNote = (event: Case['timeline'][number]): string => {
    const note = event.note ?? '';
    const [code = '', ...rest] = note.split(' ');
    if (event.kind === 'record' && code in CASE_RECORD_NAMES)
      return labels.recordName(code as CaseRecordKind);
    if (event.kind === 'document_issued' && code in CASE_DOCUMENT_NAMES)
      return [labels.documentName(code as CaseDocumentKindCode), ...rest].join(' ');
    return note;
  };
  const events = [...kase.timeline].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Card size="small" title={t('cases.detail.timeline')} data-testid="case-timeline">
      <Timeline
        items={events.map((event, index) => ({
          key: `${event.at}-${index}`,
          color: event.kind.startsWith('sealed')
            ? 'red'
            : event.kind === 'escalated'
              ? 'orange'
              : 'blue',
          content: (
            <div data-testid={`event-${event.kind}`}>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {formatDateTime(event.at)}
              </Typography.Text>
              <Typography.Text strong>{labels.eventName(event.kind)}</Typography.Text>
              {event.by && (
                <Typography.Text type="secondary">
                  {' '}
                  · {t('cases.detail.timelineBy', { name: event.by })}
                </Typography.Text>
              )}
              {event.note && (
                <div>
                  <Typography.Text style={{ fontSize: 13 }}>{eventNote(event)}</Typography.Text>
                </div>
              )}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
