import { creditCodeCheckChar, type InsuranceKind, type QualificationRecord, type SkillLevelRecord, type StartupLoanRecord, type TrainingRecord } from '@qdssc/shared';

/**
 * Working lives of the roster personas as the HRSS system would know them, keyed by ID number.
 * Amounts are not written here: records-generator.ts derives every month's base and parts from
 * these careers, the year's average wage and the rates of the time, so the data stays
 * consistent (and small) while looking like a real contribution history. All employers,
 * certificate numbers and bodies are invented.
 */

export interface Employer {
  name: string;
  creditCode: string;
}

export interface CareerSegment {
  from: string;
  /** Last month, or null while ongoing. */
  to: string | null;
  scheme: 'employee' | 'flexible';
  unit?: Employer;
  position?: string;
  contractType?: 'fixed_term' | 'open_ended' | 'task_based';
  kinds: InsuranceKind[];
  /** Contribution base as a multiple of the year's average monthly wage (clamped to 60 %–300 %). */
  baseFactor: number;
  /** Months inside the segment with nothing paid (断缴). */
  skip?: string[];
  /** Months paid late (补缴). */
  backPaid?: string[];
  office: string;
}

export interface RecordProfile {
  careers: CareerSegment[];
  /** Residents' medical insurance paid yearly (children, students, people without a job). */
  residentMedicalFromYear?: number;
  /** Month the pension started; medical insurance then continues without contributions. */
  retiredFrom?: string;
  unemployment?: Array<{ registeredOn: string; endDate: string | null; office: string }>;
  training?: TrainingRecord[];
  qualifications?: QualificationRecord[];
  skillLevels?: SkillLevelRecord[];
  startupLoans?: StartupLoanRecord[];
}

const cc = (first17: string) => `${first17}${creditCodeCheckChar(first17)}`;
const ALL: InsuranceKind[] = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'];

const HAICHUANG: Employer = { name: '青岛海创软件科技有限公司', creditCode: cc('91370212MA3C2HX7Q') };
const GANGWAN: Employer = { name: '青岛港湾物流集团有限公司', creditCode: cc('91370202163571204') };
const BEIHAI: Employer = { name: '青岛北海机械制造有限公司', creditCode: cc('91370214264598713') };
const DENAI: Employer = { name: '青岛德耐精密机械有限公司', creditCode: cc('91370200MA3MQ5W1X') };
const HAIXIN: Employer = { name: '青岛海信达财务咨询有限公司', creditCode: cc('91370203MA3RY8T2K') };
const JIAODONG: Employer = { name: '青岛胶东电力安装工程有限公司', creditCode: cc('91370213163902481') };
const FANGZHI: Employer = { name: '青岛第三纺织厂', creditCode: cc('91370203163560098') };
const XIANGYANG: Employer = { name: '青岛向阳食品厂', creditCode: cc('91370281164012339') };

const SKILL_CENTRE = '青岛市职业技能鉴定指导中心';

export const RECORD_PROFILES: Record<string, RecordProfile> = {
  // 王海燕: software firm, three months between jobs (registered unemployed), then logistics; one month paid late.
  '370202198503152027': {
    careers: [
      { from: '2007-08', to: '2015-06', scheme: 'employee', unit: HAICHUANG, position: '软件测试工程师', contractType: 'fixed_term', kinds: ALL, baseFactor: 1.1, office: '青岛市崂山区人力资源和社会保障局' },
      { from: '2015-10', to: null, scheme: 'employee', unit: GANGWAN, position: '物流主管', contractType: 'open_ended', kinds: ALL, baseFactor: 1.45, skip: ['2020-02'], backPaid: ['2019-11'], office: '青岛市市南区人力资源和社会保障局' },
    ],
    unemployment: [{ registeredOn: '2015-07-06', endDate: '2015-09-30', office: '青岛市市南区公共就业和人才服务中心' }],
    training: [
      { courseName: '物流服务师（三级）职业技能提升培训', occupation: '物流服务师', provider: '青岛港湾职业技术学院', startDate: '2016-03-07', endDate: '2016-05-27', hours: 120, result: 'passed', certificateNo: 'PX2016370200031582', subsidyFen: 150000 },
      { courseName: '供应链管理数字化转型研修班', occupation: '供应链管理师', provider: '青岛市人力资源和社会保障局职业培训中心', startDate: '2023-09-11', endDate: '2023-09-15', hours: 40, result: 'passed', certificateNo: null, subsidyFen: null },
    ],
    qualifications: [
      { name: '经济专业技术资格（物流经济）', category: 'professional_title', level: '中级（经济师）', certificateNo: '2018370200ZJ0128457', issuingBody: '人力资源和社会保障部 / 山东省人力资源和社会保障厅', issuedOn: '2018-12-20', validUntil: null },
    ],
    skillLevels: [
      { occupation: '物流服务师', occupationCode: '4-02-06-03', level: 3, levelName: '三级/高级工', certificateNo: 'S000037020003163001274', issuingBody: '青岛港湾职业技术学院（职业技能等级认定机构）', issuedOn: '2016-07-15' },
    ],
  },
  // 刘建华: machinist until 2012, a year of unemployment, then his own workshop (flexible scheme) with two guaranteed loans.
  '370212198009183015': {
    careers: [
      { from: '2002-07', to: '2012-12', scheme: 'employee', unit: BEIHAI, position: '数控车工', contractType: 'fixed_term', kinds: ALL, baseFactor: 0.95, office: '青岛市李沧区人力资源和社会保障局' },
      { from: '2014-01', to: null, scheme: 'flexible', kinds: ['pension', 'medical'], baseFactor: 0.6, skip: ['2016-07', '2016-08', '2016-09', '2016-10'], office: '青岛市李沧区社会保险事业中心' },
    ],
    unemployment: [{ registeredOn: '2013-01-08', endDate: '2013-12-31', office: '青岛市李沧区公共就业和人才服务中心' }],
    training: [
      { courseName: 'SYB创业培训（创办你的企业）', occupation: '创业培训', provider: '青岛市创业大学', startDate: '2013-06-03', endDate: '2013-06-14', hours: 80, result: 'passed', certificateNo: 'SYB2013370213004512', subsidyFen: 120000 },
      { courseName: '数控车工（二级）技师研修', occupation: '车工', provider: '青岛技师学院', startDate: '2010-03-01', endDate: '2010-06-30', hours: 160, result: 'passed', certificateNo: 'PX2010370200007741', subsidyFen: null },
    ],
    skillLevels: [
      { occupation: '车工', occupationCode: '6-18-01-01', level: 2, levelName: '二级/技师', certificateNo: 'S000037020001102000356', issuingBody: SKILL_CENTRE, issuedOn: '2010-09-10' },
      { occupation: '车工', occupationCode: '6-18-01-01', level: 3, levelName: '三级/高级工', certificateNo: 'S000037020001062001883', issuingBody: SKILL_CENTRE, issuedOn: '2006-11-25' },
    ],
    startupLoans: [
      { applicationNo: 'CDK2014370213000187', appliedOn: '2014-02-17', businessName: '李沧区建华精密零件加工部', amountFen: 10_000_000, termMonths: 24, bank: '青岛农商银行李沧支行', status: 'repaid', interestSubsidyPct: 100, disbursedOn: '2014-03-28', settledOn: '2016-03-25', note: '个人创业担保贷款，财政全额贴息' },
      { applicationNo: 'CDK2024370213002241', appliedOn: '2024-04-08', businessName: '李沧区建华精密零件加工部', amountFen: 30_000_000, termMonths: 36, bank: '青岛银行李沧支行', status: 'repaying', interestSubsidyPct: 50, disbursedOn: '2024-05-20', settledOn: null, note: '小微企业创业担保贷款，贴息50%' },
    ],
  },
  // 王小雨 and 刘子轩: residents' medical insurance, paid once a year by the family.
  '37020220160601502X': { careers: [], residentMedicalFromYear: 2017 },
  '370214201012097019': { careers: [], residentMedicalFromYear: 2011 },
  // SCHMIDT LUKAS: engineer at a German-invested firm since 2018.
  '937276199004120012': {
    careers: [{ from: '2018-03', to: null, scheme: 'employee', unit: DENAI, position: '工艺工程师', contractType: 'fixed_term', kinds: ALL, baseFactor: 2.4, office: '青岛市城阳区人力资源和社会保障局' }],
    training: [{ courseName: '外籍人才中文职场沟通（中级）', occupation: '—', provider: '青岛市外国专家服务中心', startDate: '2021-04-06', endDate: '2021-06-29', hours: 48, result: 'passed', certificateNo: null, subsidyFen: null }],
  },
  // 陈志明: finance consultancy since 2020; two months unpaid when the firm was late in 2022.
  '810000198811035010': {
    careers: [{ from: '2020-06', to: null, scheme: 'employee', unit: HAIXIN, position: '财务顾问', contractType: 'fixed_term', kinds: ALL, baseFactor: 1.8, skip: ['2022-05', '2022-06'], office: '青岛市市北区人力资源和社会保障局' }],
    qualifications: [{ name: '会计专业技术资格', category: 'professional_title', level: '中级（会计师）', certificateNo: '2019370200KJ0345521', issuingBody: '财政部 / 人力资源和社会保障部', issuedOn: '2019-11-08', validUntil: null }],
  },
  // 赵磊: electrician for thirty years.
  '370213197202114013': {
    careers: [{ from: '1996-01', to: null, scheme: 'employee', unit: JIAODONG, position: '电工', contractType: 'open_ended', kinds: ALL, baseFactor: 1.0, office: '青岛市李沧区人力资源和社会保障局' }],
    training: [{ courseName: '低压电工作业安全技术培训', occupation: '电工', provider: '青岛市安全生产培训中心', startDate: '2022-05-09', endDate: '2022-05-20', hours: 72, result: 'passed', certificateNo: 'AQ2022370213005518', subsidyFen: null }],
    qualifications: [{ name: '特种作业操作证（低压电工作业）', category: 'vocational_qualification', level: '—', certificateNo: 'TZ2022370213004417', issuingBody: '青岛市应急管理局', issuedOn: '2022-06-02', validUntil: '2028-06-01' }],
    skillLevels: [{ occupation: '电工', occupationCode: '6-31-01-03', level: 3, levelName: '三级/高级工', certificateNo: 'S000037020003112001967', issuingBody: SKILL_CENTRE, issuedOn: '2011-12-16' }],
  },
  // 孙丽: textile worker, retired at 50 in 2010: pension drawn, medical insurance continues.
  '370203196007055022': {
    careers: [{ from: '1996-01', to: '2010-06', scheme: 'employee', unit: FANGZHI, position: '挡车工', contractType: 'open_ended', kinds: ALL, baseFactor: 0.8, office: '青岛市市北区人力资源和社会保障局' }],
    retiredFrom: '2010-07',
  },
  // 刘桂兰: food factory, retired in 1995; records kept since personal accounts began.
  '370281194002236027': {
    careers: [{ from: '1993-01', to: '1995-02', scheme: 'employee', unit: XIANGYANG, position: '包装工', contractType: 'open_ended', kinds: ['pension', 'medical'], baseFactor: 0.7, office: '胶州市劳动局' }],
    retiredFrom: '1995-03',
  },
  // 周强: electrician at the same firm as 赵磊 since 2013; his replacement card was collected in November 2026.
  '370203199005203013': {
    careers: [{ from: '2013-07', to: null, scheme: 'employee', unit: JIAODONG, position: '维修电工', contractType: 'fixed_term', kinds: ALL, baseFactor: 0.9, office: '青岛市市北区人力资源和社会保障局' }],
  },
};
