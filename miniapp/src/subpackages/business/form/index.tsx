import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { businessItem, ERRORS, type AttachmentSpec, type FieldProblem, type FormValues } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { fill, FormRenderer, type RenderedDocument } from '../../../components/form-renderer';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { pickDocument } from '../../../platform/documents';
import { businessService } from '../../../services/business.service';
import { ApiError } from '../../../services/http';
import { useSession } from '../../../state/session';
import { useSettings } from '../../../state/settings';
import { newClientId } from '../format';
import '../business.scss';

/** Failures after which the same submission may be sent again unchanged (it may have arrived). */
const RETRYABLE = new Set(['NETWORK_UNREACHABLE', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'INTERNAL', 'SERVICE_NOT_READY']);

/** `/subpackages/business/form/index?item=<id>[&for=<wardId>]`: one page for every item's form. */
export default function BusinessFormPage() {
  const { t, settings } = useSettings();
  const session = useSession();
  const { params } = useRouter();
  const item = businessItem(params.item ?? '');
  const forWard = params.for || undefined;
  // Kept across retries so a resend after a lost answer finds the first application.
  const clientId = useRef(newClientId());
  const [documents, setDocuments] = useState<Record<string, RenderedDocument[]>>({});
  const [uploadingSlot, setUploadingSlot] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [serverProblems, setServerProblems] = useState<FieldProblem[]>([]);
  const lang = settings.lang;

  if (!item) {
    return (
      <PageShell label={t.services.businessTitle}>
        <ErrorPanel error={{ code: 'BUSINESS_ITEM_UNKNOWN', message: ERRORS.BUSINESS_ITEM_UNKNOWN[lang] }} />
      </PageShell>
    );
  }

  if (!session) {
    return (
      <PageShell label={item.title[lang]}>
        <View className='card'>
          <Heading>{item.title[lang]}</Heading>
          <Text>{t.login.needLogin}</Text>
          <Button className='btn btn-primary' onClick={() => Taro.navigateTo({ url: '/pages/login/index' })} ariaLabel={t.login.goLogin}>
            {t.login.goLogin}
          </Button>
        </View>
      </PageShell>
    );
  }

  const addDocument = async (slot: AttachmentSpec) => {
    const picked = await pickDocument();
    if (!picked) return;
    setUploadingSlot(slot.slot);
    setError(null);
    try {
      const up = await businessService.uploadAttachment(item.id, slot.slot, picked.path, forWard);
      setDocuments((d) => ({ ...d, [slot.slot]: [...(d[slot.slot] ?? []), { id: up.id, type: up.type, sizeBytes: up.sizeBytes }] }));
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setUploadingSlot(null);
    }
  };

  const removeDocument = async (slot: AttachmentSpec, id: string) => {
    try {
      await businessService.deleteAttachment(id);
    } catch {
      // The BFF deletes documents never submitted after a day anyway; the list here is what counts.
    }
    setDocuments((d) => ({ ...d, [slot.slot]: (d[slot.slot] ?? []).filter((x) => x.id !== id) }));
  };

  const submit = async (values: FormValues) => {
    setSubmitting(true);
    setError(null);
    setServerProblems([]);
    try {
      const app = await businessService.submit({
        clientId: clientId.current, itemId: item.id, form: values, for: forWard,
        attachmentIds: Object.values(documents).flat().map((d) => d.id),
      });
      await Taro.showToast({ title: t.business.submitted, icon: 'none' });
      await Taro.redirectTo({ url: `/subpackages/business/application/index?id=${app.id}${forWard ? `&for=${encodeURIComponent(forWard)}` : ''}` });
    } catch (e) {
      const err = e as ApiError;
      if (!(err instanceof ApiError) || !RETRYABLE.has(err.code)) clientId.current = newClientId();
      const fields = (err.details as { fields?: Array<{ path: string; problem?: string }> } | undefined)?.fields;
      if (err.code === 'FORM_INVALID' && fields) setServerProblems(fields.map((f) => ({ field: f.path, problem: (f.problem ?? 'WRONG_TYPE') as FieldProblem['problem'] })));
      setError(err);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PageShell label={item.title[lang]}>
      <View className='card'>
        <Heading>{item.title[lang]}</Heading>
        <Text style={{ display: 'block' }}>{item.summary[lang]}</Text>
        <Text className='muted'>{fill(t.business.timeLimit, { days: item.timeLimitDays })}</Text>
      </View>
      {error ? <ErrorPanel error={error} /> : null}
      <FormRenderer
        item={item}
        documents={documents}
        onAddDocument={addDocument}
        onRemoveDocument={removeDocument}
        onSubmit={submit}
        serverProblems={serverProblems}
        uploadingSlot={uploadingSlot}
        submitting={submitting}
      />
    </PageShell>
  );
}
