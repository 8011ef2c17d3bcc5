import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { categoryForOperation, HOTLINE_NUMBER, OPERATION_PATTERN, type HandoffCategory } from '@qdssc/shared';
import { ApiError } from '../services/http';
import { hotlineService } from '../services/hotline.service';
import { useSession } from '../state/session';
import { useSettings } from '../state/settings';
import './hotline-handoff.scss';

export interface HandoffError {
  code?: string;
  requestId?: string;
}

/** `/pages/ecard/index` → `ecard.page`: a name for the failing operation when a screen gave none. */
export function operationFromRoute(path: string | undefined): string {
  const name = (path ?? '')
    .replace(/^\/?(pages|subpackages)\//, '')
    .replace(/\/index$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const op = name ? `${name.replace(/^[^a-z]+/, '') || 'app'}.page` : 'app.page';
  return OPERATION_PATTERN.test(op) ? op : 'app.page';
}

function currentOperation(): string {
  try {
    return operationFromRoute(Taro.getCurrentInstance().router?.path);
  } catch {
    return 'app.page';
  }
}

/** An idempotency key per panel: tapping twice, or retrying after a failure, is one ticket. */
function newOpId(): string {
  return `h${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

type State = { kind: 'idle' } | { kind: 'sending' } | { kind: 'done'; ticketNo: string } | { kind: 'failed'; message: string };

/**
 * "Talk to a person": hands the failure (category, operation, error code, request id) to the
 * 12345 hotline as a ticket, shows the ticket number, and calls 12345 with one tap. Logged-out
 * visitors are told a login lets them do this; the plain call is always offered by the panel.
 */
export function HotlineHandoff({ error, operation, category, note }: { error: HandoffError; operation?: string; category?: HandoffCategory; note?: string }) {
  const { t } = useSettings();
  const session = useSession();
  const opId = useRef(newOpId());
  const [state, setState] = useState<State>({ kind: 'idle' });
  const op = operation && OPERATION_PATTERN.test(operation) ? operation : currentOperation();

  if (!session) {
    return (
      <Text className='muted hotline-handoff__hint' style={{ display: 'block' }}>
        {t.hotline.handoffLoginHint}
      </Text>
    );
  }

  const send = async () => {
    setState({ kind: 'sending' });
    try {
      const r = await hotlineService.createHandoff({
        clientOpId: opId.current,
        category: category ?? categoryForOperation(op),
        context: {
          operation: op,
          errorCode: error.code && /^[A-Z][A-Z0-9_]{1,63}$/.test(error.code) ? error.code : undefined,
          requestId: error.requestId && /^[A-Za-z0-9._-]{8,64}$/.test(error.requestId) ? error.requestId : undefined,
          note,
        },
      });
      setState({ kind: 'done', ticketNo: r.ticketNo });
    } catch (err) {
      setState({ kind: 'failed', message: err instanceof ApiError ? err.message : String(err) });
    }
  };

  const call = () => Taro.makePhoneCall({ phoneNumber: HOTLINE_NUMBER });

  if (state.kind === 'done') {
    return (
      <View className='hotline-ticket' ariaRole='status'>
        <Text className='subtitle'>{t.hotline.ticketTitle}</Text>
        <Text style={{ display: 'block' }}>
          {t.hotline.ticketNo}：<Text className='hotline-ticket__no'>{state.ticketNo}</Text>
        </Text>
        <Text className='muted' style={{ display: 'block' }}>
          {t.hotline.ticketAdvice}
        </Text>
        <Button className='btn btn-primary' onClick={call} ariaLabel={`${t.hotline.callWithTicket} ${state.ticketNo}`}>
          {t.hotline.callWithTicket}
        </Button>
        <Button
          className='btn btn-plain'
          size='mini'
          onClick={async () => {
            await Taro.setClipboardData({ data: state.ticketNo });
            await Taro.showToast({ title: t.hotline.copied, icon: 'none' });
          }}
          ariaLabel={t.hotline.copyTicket}
        >
          {t.hotline.copyTicket}
        </Button>
      </View>
    );
  }

  return (
    <View className='hotline-handoff'>
      {state.kind === 'failed' ? (
        <View className='hotline-handoff__error' ariaRole='alert'>
          <Text>{state.message}</Text>
        </View>
      ) : (
        <Text className='muted' style={{ display: 'block' }}>
          {t.hotline.handoffHint}
        </Text>
      )}
      <Button className='btn btn-secondary' onClick={send} disabled={state.kind === 'sending'} ariaLabel={state.kind === 'failed' ? t.hotline.retryHandoff : t.hotline.handoff}>
        {state.kind === 'sending' ? t.hotline.sending : state.kind === 'failed' ? t.hotline.retryHandoff : t.hotline.handoff}
      </Button>
    </View>
  );
}
