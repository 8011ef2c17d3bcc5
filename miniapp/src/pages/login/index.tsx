import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { AppMeta, SandboxPersona } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../components/error-panel';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { HOST_CHANNEL, HOST_HAS_SILENT_LOGIN, hostLoginCode } from '../../platform/host';
import { authService } from '../../services/auth.service';
import { saveSession } from '../../state/session';
import { useSettings } from '../../state/settings';

export default function LoginPage() {
  const { t } = useSettings();
  const [meta, setMeta] = useState<AppMeta | null>(null);
  const [personas, setPersonas] = useState<SandboxPersona[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const m = await authService.meta();
      setMeta(m);
      if (m.sandbox) setPersonas(await authService.sandboxPersonas());
    } catch (e) {
      setError(e as ShownError);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const finish = async (getCode: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      const code = await getCode();
      const session = await authService.login(HOST_CHANNEL, code);
      saveSession(session);
      await Taro.switchTab({ url: '/pages/ecard/index' });
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell label={t.login.title}>
      <View className='card'>
        <Heading>{t.login.title}</Heading>
        <Text className='muted'>{t.login.subtitle}</Text>
        {HOST_HAS_SILENT_LOGIN ? (
          <Button className='btn btn-primary' disabled={busy} loading={busy} onClick={() => finish(hostLoginCode)} ariaLabel={t.login.hostButton[HOST_CHANNEL]}>
            {busy ? t.login.loggingIn : t.login.hostButton[HOST_CHANNEL]}
          </Button>
        ) : null}
      </View>

      {error ? <ErrorPanel error={error} onRetry={meta ? undefined : load} /> : null}

      {meta?.sandbox ? (
        <View className='card' ariaLabel={t.login.sandboxTitle}>
          <Heading level={2}>{t.login.sandboxTitle}</Heading>
          <Text className='muted'>{t.login.sandboxHint}</Text>
          {personas.map((p) => (
            <Button
              key={p.id}
              className='btn btn-plain persona'
              data-persona={p.id}
              disabled={busy}
              onClick={() => finish(async () => (await authService.sandboxLoginCode(p.id, HOST_CHANNEL)).code)}
              ariaLabel={p.label}
            >
              {p.label}
            </Button>
          ))}
        </View>
      ) : null}

      <Text className='muted'>{t.login.agreement}</Text>
    </PageShell>
  );
}
