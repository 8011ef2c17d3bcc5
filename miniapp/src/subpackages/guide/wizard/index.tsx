import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Heading } from '../../../components/heading';
import { HotlineHandoff } from '../../../components/hotline-handoff';
import { PageShell } from '../../../components/page-shell';
import { fill } from '../../../i18n/fill';
import { presetBranchFilter } from '../../../state/branch-preset';
import { useSettings } from '../../../state/settings';

type Insured = 'yes' | 'no' | 'unsure';
type Who = 'self' | 'child';
type Need = 'ecard' | 'urgent' | 'normal';

interface Answers {
  insured?: Insured;
  who?: Who;
  need?: Need;
}

/** Where the answers lead: apply online, a (possibly instant) branch, or the hotline. */
export type WizardOutcome = 'apply' | 'instantBranch' | 'branch' | 'hotline';

export function outcomeOf(a: Answers): WizardOutcome | null {
  if (a.insured === 'no' || a.insured === 'unsure') return 'hotline';
  if (!a.insured || !a.who || !a.need) return null;
  return a.need === 'ecard' ? 'apply' : a.need === 'urgent' ? 'instantBranch' : 'branch';
}

/**
 * 我能办吗: three questions (insured in Qingdao? for whom? what is needed?) ending at applying
 * for the e-card, at a branch (an instant one when in a hurry) with the list of what to bring, or
 * at the hotline when the resident may not be eligible here.
 */
export default function EligibilityWizard() {
  const { t } = useSettings();
  const g = t.guide;
  const [answers, setAnswers] = useState<Answers>({});
  const outcome = outcomeOf(answers);
  const step = answers.insured === undefined ? 1 : answers.who === undefined ? 2 : 3;

  const choice = (label: string, onTap: () => void) => (
    <Button key={label} className='btn btn-secondary' onClick={onTap} ariaLabel={label}>
      {label}
    </Button>
  );
  const back = () =>
    setAnswers((a) => (a.need !== undefined ? { ...a, need: undefined } : a.who !== undefined ? { ...a, who: undefined } : {}));
  const materials = answers.who === 'child' ? g.materialsChild : g.materialsAdult;

  const goBranches = (instantOnly: boolean) => {
    if (instantOnly) presetBranchFilter({ instantOnly: true });
    void Taro.switchTab({ url: '/pages/branches/index' });
  };

  return (
    <PageShell label={g.wizardTitle}>
      <View className='card'>
        <Heading>{g.wizardTitle}</Heading>
        {!outcome ? (
          <>
            <Text className='muted' style={{ display: 'block' }}>
              {fill(g.step, { n: step })}
            </Text>
            {step === 1 ? (
              <>
                <Heading level={2}>{g.qInsured}</Heading>
                {choice(g.yes, () => setAnswers({ insured: 'yes' }))}
                {choice(g.no, () => setAnswers({ insured: 'no' }))}
                {choice(g.notSure, () => setAnswers({ insured: 'unsure' }))}
              </>
            ) : step === 2 ? (
              <>
                <Heading level={2}>{g.qFor}</Heading>
                {choice(g.forSelf, () => setAnswers((a) => ({ ...a, who: 'self' })))}
                {choice(g.forChild, () => setAnswers((a) => ({ ...a, who: 'child' })))}
              </>
            ) : (
              <>
                <Heading level={2}>{g.qNeed}</Heading>
                {choice(g.needEcard, () => setAnswers((a) => ({ ...a, need: 'ecard' })))}
                {choice(g.needUrgent, () => setAnswers((a) => ({ ...a, need: 'urgent' })))}
                {choice(g.needNormal, () => setAnswers((a) => ({ ...a, need: 'normal' })))}
              </>
            )}
            {step > 1 ? (
              <Button className='btn btn-plain' onClick={back} ariaLabel={g.back}>
                {g.back}
              </Button>
            ) : null}
          </>
        ) : (
          <View ariaRole='status'>
            {outcome === 'hotline' ? (
              <>
                <Text style={{ display: 'block' }}>{answers.insured === 'no' ? g.resultNotInsured : g.resultNotSure}</Text>
                <HotlineHandoff error={{}} operation='guide.eligibility' category='eligibility' />
                <Button className='btn btn-secondary' onClick={() => Taro.makePhoneCall({ phoneNumber: '12345' })} ariaLabel={t.common.callHotline}>
                  {t.common.callHotline}
                </Button>
                <Button className='btn btn-plain' onClick={() => goBranches(false)} ariaLabel={g.goBranch}>
                  {g.goBranch}
                </Button>
              </>
            ) : (
              <>
                <Text style={{ display: 'block' }}>
                  {outcome === 'apply' ? (answers.who === 'child' ? g.resultEcardChild : g.resultEcard) : outcome === 'instantBranch' ? g.resultUrgent : g.resultNormal}
                </Text>
                {outcome !== 'apply' ? (
                  <View className='notice' style={{ margin: '16px 0' }}>
                    <Text>
                      {g.bring}
                      {materials}
                    </Text>
                  </View>
                ) : null}
                {outcome === 'apply' ? (
                  <Button className='btn btn-primary' onClick={() => Taro.switchTab({ url: '/pages/ecard/index' })} ariaLabel={g.goApply}>
                    {g.goApply}
                  </Button>
                ) : (
                  <Button className='btn btn-primary' onClick={() => goBranches(outcome === 'instantBranch')} ariaLabel={outcome === 'instantBranch' ? g.goInstantBranch : g.goBranch}>
                    {outcome === 'instantBranch' ? g.goInstantBranch : g.goBranch}
                  </Button>
                )}
              </>
            )}
            <Button className='btn btn-plain' onClick={() => setAnswers({})} ariaLabel={g.restart}>
              {g.restart}
            </Button>
          </View>
        )}
      </View>
    </PageShell>
  );
}
