import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { formatFen, parseYuanToFen, type PaymentParams, type PaymentProvider, type ResolveMerchantCodeResponse } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Field } from '../../../components/field';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { PasswordPad } from '../../../components/password-pad';
import { fmt } from '../../../i18n';
import { HOST_PAY_READY, PAY_PROVIDER, requestHostPayment } from '../../../platform/pay';
import { CAN_SCAN, scanCode } from '../../../platform/scan';
import { payTerminalService } from '../../../services/pay-terminal.service';
import { newOperationId, paymentsService } from '../../../services/payments.service';
import { useSettings } from '../../../state/settings';
import { Row } from '../payments-ui';
import '../payments.scss';

/**
 * The resident scans a merchant's payment code (or types the code under it), enters the amount
 * unless the code fixes it, and pays with the host's own payment (WeChat Pay / Alipay) or from
 * the e-card account with the 6-digit password. The order goes through the ordinary order flow;
 * the result page shows the outcome as the BFF knows it.
 */
export default function ScanPayPage() {
  const { t } = useSettings();
  const [code, setCode] = useState('');
  const [typed, setTyped] = useState('');
  const [resolved, setResolved] = useState<ResolveMerchantCodeResponse | null>(null);
  const [amountText, setAmountText] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [ecardOrder, setEcardOrder] = useState<{ id: string; amountFen: number } | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const operation = useRef(newOperationId());

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };

  const resolve = (c: string) =>
    run(async () => {
      const r = await payTerminalService.resolveMerchantCode(c);
      setCode(c);
      setResolved(r);
      operation.current = newOperationId();
    });

  const scan = async () => {
    const text = await scanCode();
    if (text) await resolve(text);
  };

  const amountFen = resolved?.fixedAmountFen ?? parseYuanToFen(amountText);

  const pay = (provider: PaymentProvider) =>
    run(async () => {
      if (!resolved) return;
      if (!amountFen) return setAmountError(t.payTerminal.amountInvalid);
      setAmountError(null);
      const withAmount = resolved.payableRef ? resolved : await payTerminalService.resolveMerchantCode(code, amountFen);
      const r = await paymentsService.createOrder({ payableType: 'merchant', payableRef: withAmount.payableRef!, provider, clientOperationId: operation.current });
      operation.current = newOperationId();
      if (!r.payment) return Taro.redirectTo({ url: `/pages/payments/result/index?id=${r.order.id}` });
      if (provider === 'ecard') return setEcardOrder({ id: r.order.id, amountFen: r.order.amountFen });
      const outcome = await requestHostPayment(r.payment as PaymentParams, { orderId: r.order.id, amountFen: r.order.amountFen, description: resolved.merchant.name });
      if (outcome === 'paid') Taro.redirectTo({ url: `/pages/payments/result/index?id=${r.order.id}` });
    });

  const payEcard = (password: string) =>
    run(async () => {
      if (!ecardOrder) return;
      await payTerminalService.ecardPay(ecardOrder.id, password);
      Taro.redirectTo({ url: `/pages/payments/result/index?id=${ecardOrder.id}` });
    });

  return (
    <PageShell label={t.payTerminal.scanTitle}>
      <View className='card'>
        <Heading>{t.payTerminal.scanTitle}</Heading>
        {!resolved ? (
          <>
            {CAN_SCAN ? (
              <Button className='btn btn-primary' disabled={busy} onClick={scan} ariaLabel={t.payTerminal.scanButton}>
                {t.payTerminal.scanButton}
              </Button>
            ) : null}
            <Field label={t.payTerminal.manualLabel} value={typed} onInput={setTyped} placeholder={t.payTerminal.manualPlaceholder} maxlength={256} name='merchant-code' />
            <Button className='btn btn-secondary' disabled={busy || typed.trim().length < 4} onClick={() => resolve(typed.trim())} ariaLabel={t.payTerminal.manualSubmit}>
              {t.payTerminal.manualSubmit}
            </Button>
          </>
        ) : (
          <>
            <Row label={t.payTerminal.merchant} value={resolved.merchant.name} />
            <Row label='' value={t.payTerminal.merchantKind[resolved.merchant.kind]} />
            {resolved.fixedAmountFen ? (
              <View ariaLabel={`${t.payTerminal.fixedAmount} ${formatFen(resolved.fixedAmountFen)}`}>
                <Text className='muted'>{t.payTerminal.fixedAmount}</Text>
                <Text className='pay-amount'>{formatFen(resolved.fixedAmountFen)}</Text>
              </View>
            ) : (
              <Field label={t.payTerminal.amountLabel} value={amountText} onInput={setAmountText} type='digit' placeholder={t.payTerminal.amountPlaceholder} error={amountError} maxlength={9} name='amount' />
            )}
          </>
        )}
      </View>
      {resolved && !ecardOrder ? (
        <View className='card' ariaLabel={t.payTerminal.chooseMethod}>
          <Heading level={2}>{t.payTerminal.chooseMethod}</Heading>
          {HOST_PAY_READY ? (
            <Button className='btn btn-primary' disabled={busy} loading={busy} onClick={() => pay(PAY_PROVIDER)} ariaLabel={fmt(t.payTerminal.payWithHost, { method: t.payments.methodName[PAY_PROVIDER] })}>
              {fmt(t.payTerminal.payWithHost, { method: t.payments.methodName[PAY_PROVIDER] })}
            </Button>
          ) : null}
          <Button className='btn btn-secondary' disabled={busy} onClick={() => pay('ecard')} ariaLabel={t.payTerminal.payWithEcard}>
            {t.payTerminal.payWithEcard}
          </Button>
          <Text className='muted'>{t.payTerminal.ecardHint}</Text>
          <Button className='btn btn-plain' onClick={() => { setResolved(null); setAmountText(''); }} ariaLabel={t.payTerminal.rescan}>
            {t.payTerminal.rescan}
          </Button>
        </View>
      ) : null}
      {ecardOrder ? (
        <View className='card'>
          <View ariaLabel={`${t.payments.amount} ${formatFen(ecardOrder.amountFen)}`}>
            <Text className='pay-amount'>{formatFen(ecardOrder.amountFen)}</Text>
          </View>
          <PasswordPad onComplete={payEcard} disabled={busy} />
        </View>
      ) : null}
      {error ? <ErrorPanel error={error} /> : null}
    </PageShell>
  );
}
