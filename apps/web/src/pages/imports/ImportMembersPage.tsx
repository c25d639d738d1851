import { useState } from 'react';
import { Alert, Button, Card, Grid, Result, Spin, Steps } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ImportUpload } from '@hoi/contracts';
import type { ImportColumn, SplitCommune } from '../../api/imports-api';
import { importQueries, startImportRun } from '../../api/imports-api';
import { useCan, useMe } from '../../auth/me-context';
import { errorText } from '../../lib/server-errors';
import { ImportCommitStep } from './ImportCommitStep';
import { ImportFileStep } from './ImportFileStep';
import type { TemplateChoice } from './ImportMappingStep';
import { ImportMappingStep } from './ImportMappingStep';
import type { CommuneChoices } from './ImportPreviewStep';
import { ImportPreviewStep } from './ImportPreviewStep';

/** What the user has decided about one uploaded file, between the upload and the commit. */
interface Draft {
  uploadId: string;
  columns: ImportColumn[];
  template: TemplateChoice;
  /** The template name already sent, so that a second preview does not save it again. */
  savedTemplate: string | null;
  previewJobId: string | null;
  choices: CommuneChoices;
  /** The choices the current preview ran with. */
  runChoices: CommuneChoices;
  knownSplits: SplitCommune[];
}

function newDraft(upload: ImportUpload): Draft {
  return {
    uploadId: upload.id,
    columns: upload.columns,
    template: { isSaving: false, name: '' },
    savedTemplate: null,
    previewJobId: null,
    choices: {},
    runChoices: {},
    knownSplits: [],
  };
}

/**
 * /members/import: bulk import of members from an Excel or CSV file in four steps — file, column
 * mapping, preview (dry run) and commit. The upload and the commit job live in the address
 * (`?upload=…&commit=…`), so a reload comes back to the mapping or to the commit's progress;
 * `?unitId=…` preselects the unit (the member list passes its filter's).
 */
export function ImportMembersPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const me = useMe();
  const queryClient = useQueryClient();
  const isPhone = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const uploadId = params.get('upload') ?? undefined;
  const commitId = params.get('commit') ?? undefined;
  const [unitId, setUnitId] = useState<string | undefined>(
    () => params.get('unitId') ?? me.assignments[0]?.unitId,
  );
  const [draft, setDraft] = useState<Draft | null>(null);
  const [starting, setStarting] = useState<'preview' | 'commit' | null>(null);
  const [runError, setRunError] = useState<unknown>(null);
  const upload = useQuery({
    ...importQueries.upload(uploadId ?? ''),
    enabled: Boolean(uploadId) && !commitId,
  });
  if (upload.data && upload.data.id === uploadId && draft?.uploadId !== upload.data.id) {
    setDraft(newDraft(upload.data));
  }
  const current = commitId ? 3 : !uploadId ? 0 : draft?.previewJobId ? 2 : 1;

  if (!can('member.manage')) return <Result status="403" title={t('errors.forbidden')} />;

  const startOver = () => {
    setDraft(null);
    setRunError(null);
    setParams({});
  };

  const run = async (mode: 'preview' | 'commit', base: Draft) => {
    setStarting(mode);
    setRunError(null);
    const templateName = base.template.isSaving ? base.template.name.trim() : '';
    const isNewTemplate = templateName !== '' && templateName !== base.savedTemplate;
    try {
      const job = await startImportRun(base.uploadId, {
        mode,
        columns: base.columns,
        communeChoices: Object.keys(base.choices).length > 0 ? base.choices : undefined,
        saveTemplate: isNewTemplate ? templateName : undefined,
      });
      queryClient.setQueryData(importQueries.job(job.id).queryKey, job);
      if (isNewTemplate)
        void queryClient.invalidateQueries({ queryKey: importQueries.mappings().queryKey });
      if (mode === 'preview') {
        setDraft({
          ...base,
          previewJobId: job.id,
          runChoices: base.choices,
          savedTemplate: isNewTemplate ? templateName : base.savedTemplate,
        });
      } else {
        setParams({ upload: base.uploadId, commit: job.id });
      }
    } catch (caught) {
      setDraft(base);
      setRunError(caught);
    } finally {
      setStarting(null);
    }
  };

  const body = (() => {
    if (commitId) return <ImportCommitStep jobId={commitId} onAnother={startOver} />;
    if (!uploadId) {
      return (
        <ImportFileStep
          unitId={unitId}
          onUnitChange={setUnitId}
          onUploaded={(uploaded) => {
            queryClient.setQueryData(importQueries.upload(uploaded.id).queryKey, uploaded);
            setUnitId(uploaded.unitId);
            setRunError(null);
            setParams({ upload: uploaded.id });
          }}
        />
      );
    }
    if (upload.isError) {
      return (
        <>
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={errorText(upload.error, i18n.language, t('errors.generic'))}
          />
          <Button onClick={startOver}>{t('imports.mapping.chooseOtherFile')}</Button>
        </>
      );
    }
    if (!upload.data || !draft || draft.uploadId !== upload.data.id) return <Spin />;
    if (draft.previewJobId) {
      return (
        <ImportPreviewStep
          key={draft.previewJobId}
          jobId={draft.previewJobId}
          knownSplits={draft.knownSplits}
          choices={draft.choices}
          runChoices={draft.runChoices}
          onChoicesChange={(choices) => setDraft({ ...draft, choices })}
          starting={starting}
          onRerun={(splits) => void run('preview', { ...draft, knownSplits: splits })}
          onBack={() => setDraft({ ...draft, previewJobId: null })}
          onCommit={() => void run('commit', draft)}
        />
      );
    }
    return (
      <ImportMappingStep
        upload={upload.data}
        columns={draft.columns}
        onColumnsChange={(columns) => setDraft({ ...draft, columns })}
        template={draft.template}
        savedTemplate={draft.savedTemplate}
        onTemplateChange={(template) => setDraft({ ...draft, template })}
        isStarting={starting !== null}
        onPreview={() => void run('preview', draft)}
        onChooseOtherFile={startOver}
      />
    );
  })();

  return (
    <Card
      title={t('imports.title')}
      extra={<Link to="/members">{t('imports.backToList')}</Link>}
      styles={{ body: { paddingInline: isPhone ? 12 : undefined } }}
      data-testid="import-page"
    >
      <Steps
        current={current}
        size="small"
        orientation={isPhone ? 'vertical' : 'horizontal'}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('imports.steps.file') },
          { title: t('imports.steps.mapping') },
          { title: t('imports.steps.preview') },
          { title: t('imports.steps.commit') },
        ]}
      />
      {runError !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="run-error"
          style={{ marginBottom: 12 }}
          title={errorText(runError, i18n.language, t('errors.generic'))}
        />
      )}
      {body}
    </Card>
  );
}
