import type { AttachmentSpec, BusinessCategory, BusinessItem, FormField, Localized } from './form-spec';

/**
 * The online business catalogue (网上办事): the article's five kinds and their concrete items.
 * Matter codes, time limits and amounts follow Qingdao practice closely enough for a demo;
 * the HRSS system decides eligibility, the form only checks what a counter clerk checks first.
 */

export const CATEGORY_TITLES: Record<BusinessCategory, Localized> = {
  employment: { zh: '就业创业服务', en: 'Employment and entrepreneurship' },
  social_insurance: { zh: '社保服务', en: 'Social insurance' },
  labour: { zh: '劳动用工服务', en: 'Labour and employment' },
  talent: { zh: '人才服务', en: 'Talent services' },
  mediation: { zh: '调解仲裁服务', en: 'Mediation and arbitration' },
};

const MB = 1024 * 1024;
const ALL_TYPES: AttachmentSpec['accept'] = ['pdf', 'jpeg', 'png'];

const yesNo = [
  { value: 'yes', label: { zh: '是', en: 'Yes' } },
  { value: 'no', label: { zh: '否', en: 'No' } },
];

const mobile: FormField = { name: 'mobile', type: 'phone', mobileOnly: true, required: true, label: { zh: '手机号码', en: 'Mobile number' }, hint: { zh: '用于接收办理进度短信', en: 'For progress messages' } };
const consent = (what: Localized): FormField => ({ name: 'consent', type: 'consent', required: true, label: what });
const truthful = consent({ zh: '本人承诺所填信息及所交材料真实有效，如有虚假愿承担相应责任', en: 'I declare that the information and documents are true and accept responsibility if not' });

const unitName = (name: string, label: Localized, required = true): FormField => ({ name, type: 'text', required, maxLength: 100, minLength: 2, label });
const creditCode = (name: string, required = true): FormField => ({ name, type: 'creditCode', required, label: { zh: '统一社会信用代码', en: 'Unified social credit code' } });

const DISPUTE_TYPES = [
  { value: 'wages', label: { zh: '劳动报酬（欠薪）', en: 'Unpaid wages' } },
  { value: 'social_insurance', label: { zh: '社会保险', en: 'Social insurance' } },
  { value: 'contract_termination', label: { zh: '解除或终止劳动合同', en: 'Ending of the contract' } },
  { value: 'work_injury', label: { zh: '工伤待遇', en: 'Work-injury benefits' } },
  { value: 'overtime', label: { zh: '加班费', en: 'Overtime pay' } },
  { value: 'other', label: { zh: '其他', en: 'Other' } },
];

const EDUCATION = [
  { value: 'bachelor', label: { zh: '全日制本科', en: "Full-time bachelor's" } },
  { value: 'master', label: { zh: '硕士研究生', en: "Master's" } },
  { value: 'doctor', label: { zh: '博士研究生', en: 'Doctorate' } },
];

const DISTRICTS = [
  ['shinan', '市南区', 'Shinan'], ['shibei', '市北区', 'Shibei'], ['licang', '李沧区', 'Licang'], ['laoshan', '崂山区', 'Laoshan'],
  ['huangdao', '黄岛区（西海岸新区）', 'Huangdao (West Coast)'], ['chengyang', '城阳区', 'Chengyang'], ['jimo', '即墨区', 'Jimo'],
  ['jiaozhou', '胶州市', 'Jiaozhou'], ['pingdu', '平度市', 'Pingdu'], ['laixi', '莱西市', 'Laixi'],
].map(([value, zh, en]) => ({ value, label: { zh, en } }));

const degreeCertificate: AttachmentSpec = {
  slot: 'degree', required: true, accept: ALL_TYPES, maxBytes: 5 * MB, maxCount: 2,
  label: { zh: '毕业证、学位证', en: 'Diploma and degree certificate' },
};

export const BUSINESS_ITEMS: BusinessItem[] = [
  // ── 就业创业服务 ──────────────────────────────────────────────────────────────
  {
    id: 'unemployment-registration', category: 'employment', hrssItemCode: 'JY-0101', timeLimitDays: 5,
    title: { zh: '失业登记', en: 'Unemployment registration' },
    summary: { zh: '在法定劳动年龄内、有劳动能力和就业要求、处于无业状态的人员办理失业登记，享受就业服务和政策', en: 'Register as unemployed to get employment services and support.' },
    fields: [
      { name: 'reason', type: 'select', required: true, label: { zh: '失业原因', en: 'Why you are unemployed' }, options: [
        { value: 'contract_ended', label: { zh: '劳动合同期满终止', en: 'Contract ended' } },
        { value: 'dismissed', label: { zh: '单位解除劳动合同', en: 'Dismissed by the employer' } },
        { value: 'resigned', label: { zh: '本人辞职', en: 'Resigned' } },
        { value: 'business_closed', label: { zh: '个体经营停业', en: 'Own business closed' } },
        { value: 'graduate', label: { zh: '毕业后未就业', en: 'Graduated, not yet employed' } },
        { value: 'other', label: { zh: '其他', en: 'Other' } },
      ] },
      { name: 'reasonDetail', type: 'textarea', required: false, maxLength: 200, label: { zh: '其他原因说明', en: 'Other reason' } },
      unitName('lastUnitName', { zh: '原工作单位', en: 'Last employer' }, false),
      creditCode('lastUnitCreditCode', false),
      { name: 'lastWorkDay', type: 'date', required: true, notAfterToday: true, label: { zh: '最后工作日', en: 'Last working day' } },
      { name: 'address', type: 'text', required: true, minLength: 5, maxLength: 100, label: { zh: '常住地址', en: 'Home address' } },
      { name: 'wantsTraining', type: 'select', required: true, options: yesNo, label: { zh: '是否需要职业培训', en: 'Do you want vocational training?' } },
      mobile,
      truthful,
    ],
    rules: [{ kind: 'requiredIf', field: 'reasonDetail', when: { field: 'reason', equals: 'other' } }],
    attachments: [
      { slot: 'termination', required: false, accept: ALL_TYPES, maxBytes: 5 * MB, maxCount: 2, label: { zh: '解除或终止劳动合同证明', en: 'Proof that the contract ended' } },
    ],
  },
  {
    id: 'startup-subsidy', category: 'employment', hrssItemCode: 'JY-0305', timeLimitDays: 20,
    title: { zh: '一次性创业补贴申请', en: 'One-off start-up subsidy' },
    summary: { zh: '首次创办小微企业或从事个体经营，正常经营12个月以上的，可申请一次性创业补贴', en: 'For a first small business that has run for at least 12 months.' },
    fields: [
      unitName('businessName', { zh: '经营主体名称', en: 'Business name' }),
      creditCode('businessCreditCode'),
      { name: 'registeredOn', type: 'date', required: true, notAfterToday: true, label: { zh: '登记注册日期', en: 'Registered on' } },
      { name: 'employees', type: 'integer', required: true, min: 0, max: 500, unit: { zh: '人', en: 'people' }, label: { zh: '带动就业人数', en: 'People employed' } },
      { name: 'amountFen', type: 'money', required: true, minFen: 100, maxFen: 1_000_000, label: { zh: '申请金额（元）', en: 'Amount (yuan)' }, hint: { zh: '最高1万元，发放至本人社会保障卡金融账户', en: 'At most ¥10,000, paid to your social security card account' } },
      mobile,
      truthful,
    ],
    attachments: [
      { slot: 'licence', required: true, accept: ALL_TYPES, maxBytes: 5 * MB, maxCount: 1, label: { zh: '营业执照', en: 'Business licence' } },
      { slot: 'lease', required: false, accept: ALL_TYPES, maxBytes: 5 * MB, maxCount: 3, label: { zh: '经营场所租赁合同', en: 'Premises lease' } },
    ],
  },
  // ── 社保服务 ─────────────────────────────────────────────────────────────────
  {
    id: 'flexible-employment-enrolment', category: 'social_insurance', hrssItemCode: 'SB-0201', timeLimitDays: 3,
    title: { zh: '灵活就业人员参保登记', en: 'Enrolment as a flexibly employed person' },
    summary: { zh: '无雇工的个体工商户、未在用人单位参保的非全日制从业人员及其他灵活就业人员参加职工养老、医疗保险', en: 'Join the employee pension and medical insurance as a self-employed or flexible worker.' },
    fields: [
      { name: 'insurances', type: 'select', required: true, label: { zh: '参保险种', en: 'Insurance' }, options: [
        { value: 'pension_medical', label: { zh: '职工养老保险和职工医疗保险', en: 'Pension and medical' } },
        { value: 'pension', label: { zh: '仅职工养老保险', en: 'Pension only' } },
        { value: 'medical', label: { zh: '仅职工医疗保险', en: 'Medical only' } },
      ] },
      { name: 'baseLevel', type: 'select', required: true, label: { zh: '缴费档次（社平工资的百分比）', en: 'Contribution base (% of average wage)' }, options: ['60', '80', '100', '150', '200', '300'].map((v) => ({ value: v, label: { zh: `${v}%`, en: `${v}%` } })) },
      { name: 'startMonth', type: 'month', required: true, label: { zh: '开始缴费月份', en: 'First month' } },
      { name: 'occupation', type: 'text', required: true, minLength: 2, maxLength: 50, label: { zh: '从业类型', en: 'Kind of work' }, hint: { zh: '如：网约车司机、外卖骑手、个体经营', en: 'e.g. ride-hailing driver, delivery rider, self-employed' } },
      { name: 'address', type: 'text', required: true, minLength: 5, maxLength: 100, label: { zh: '常住地址', en: 'Home address' } },
      mobile,
      consent({ zh: '本人已知晓灵活就业人员按月自行缴费，中断缴费将影响待遇享受', en: 'I understand I pay monthly myself and that gaps affect benefits' }),
    ],
    attachments: [
      { slot: 'residence', required: false, accept: ALL_TYPES, maxBytes: 5 * MB, maxCount: 1, label: { zh: '居住证（非本市户籍）', en: 'Residence permit (if not registered in Qingdao)' } },
    ],
  },
  {
    id: 'pension-transfer', category: 'social_insurance', hrssItemCode: 'SB-0305', timeLimitDays: 15,
    title: { zh: '养老保险关系转移接续申请', en: 'Transfer of pension insurance into Qingdao' },
    summary: { zh: '跨省、跨市流动就业人员将基本养老保险关系转入青岛', en: 'Move your pension insurance from another city or province to Qingdao.' },
    fields: [
      { name: 'fromArea', type: 'text', required: true, minLength: 2, maxLength: 50, label: { zh: '转出地（省/市）', en: 'From (province/city)' } },
      { name: 'fromAgency', type: 'text', required: true, minLength: 4, maxLength: 100, label: { zh: '转出地社保经办机构', en: 'Social insurance agency there' } },
      { name: 'fromStartMonth', type: 'month', required: true, notAfterThisMonth: true, label: { zh: '在转出地参保起始月', en: 'Insured there from' } },
      { name: 'fromEndMonth', type: 'month', required: true, notAfterThisMonth: true, label: { zh: '在转出地参保终止月', en: 'Insured there until' } },
      mobile,
      truthful,
    ],
    rules: [{ kind: 'dateOrder', earlier: 'fromStartMonth', later: 'fromEndMonth' }],
    attachments: [
      { slot: 'certificate', required: true, accept: ALL_TYPES, maxBytes: 5 * MB, maxCount: 2, label: { zh: '参保缴费凭证', en: 'Certificate of contributions' }, hint: { zh: '由转出地社保经办机构出具', en: 'Issued by the agency there' } },
    ],
  },
  // ── 劳动用工服务 ─────────────────────────────────────────────────────────────
  {
    id: 'labour-contract-filing', category: 'labour', hrssItemCode: 'LD-0102', timeLimitDays: 3,
    title: { zh: '劳动合同备案', en: 'Labour contract filing' },
    summary: { zh: '劳动者对已签订的劳动合同进行网上备案，便于日后维权和社保核对', en: 'File your signed labour contract online.' },
    fields: [
      unitName('unitName', { zh: '用人单位名称', en: 'Employer' }),
      creditCode('unitCreditCode'),
      { name: 'contractType', type: 'select', required: true, label: { zh: '合同期限类型', en: 'Kind of contract' }, options: [
        { value: 'fixed_term', label: { zh: '固定期限', en: 'Fixed term' } },
        { value: 'open_ended', label: { zh: '无固定期限', en: 'Open-ended' } },
        { value: 'task_based', label: { zh: '以完成一定工作任务为期限', en: 'For a task' } },
      ] },
      { name: 'startDate', type: 'date', required: true, label: { zh: '合同开始日期', en: 'Starts on' } },
      { name: 'endDate', type: 'date', required: false, label: { zh: '合同终止日期', en: 'Ends on' } },
      { name: 'position', type: 'text', required: true, minLength: 2, maxLength: 50, label: { zh: '工作岗位', en: 'Position' } },
      { name: 'monthlyWageFen', type: 'money', required: true, minFen: 220_000, maxFen: 100_000_000, label: { zh: '月工资（元）', en: 'Monthly wage (yuan)' }, hint: { zh: '不得低于青岛市最低工资标准（2200元）', en: 'Not below the Qingdao minimum wage (¥2,200)' } },
      { name: 'probationMonths', type: 'integer', required: true, min: 0, max: 6, unit: { zh: '个月', en: 'months' }, label: { zh: '试用期', en: 'Probation' } },
      mobile,
      truthful,
    ],
    rules: [
      { kind: 'requiredIf', field: 'endDate', when: { field: 'contractType', equals: 'fixed_term' } },
      { kind: 'dateOrder', earlier: 'startDate', later: 'endDate' },
    ],
    attachments: [
      { slot: 'contract', required: true, accept: ALL_TYPES, maxBytes: 5 * MB, maxCount: 5, label: { zh: '已签订的劳动合同', en: 'The signed contract' }, hint: { zh: '每页一张照片或一个PDF', en: 'One photo per page, or a PDF' } },
    ],
  },
  {
    id: 'wage-arrears-complaint', category: 'labour', hrssItemCode: 'LD-0301', timeLimitDays: 20,
    title: { zh: '欠薪投诉', en: 'Complaint about unpaid wages' },
    summary: { zh: '向劳动保障监察机构投诉用人单位拖欠、克扣工资', en: 'Report an employer who owes or withholds wages to the labour inspectorate.' },
    fields: [
      unitName('unitName', { zh: '被投诉单位', en: 'Employer' }),
      creditCode('unitCreditCode', false),
      { name: 'unitAddress', type: 'text', required: true, minLength: 5, maxLength: 100, label: { zh: '单位地址或用工地点', en: 'Employer address or worksite' } },
      { name: 'owedFrom', type: 'month', required: true, notAfterThisMonth: true, label: { zh: '欠薪起始月份', en: 'Unpaid since' } },
      { name: 'owedTo', type: 'month', required: true, notAfterThisMonth: true, label: { zh: '欠薪截止月份', en: 'Unpaid until' } },
      { name: 'owedFen', type: 'money', required: true, minFen: 1, maxFen: 100_000_000, label: { zh: '欠薪金额（元）', en: 'Amount owed (yuan)' } },
      { name: 'workers', type: 'integer', required: true, min: 1, max: 1000, unit: { zh: '人', en: 'people' }, label: { zh: '涉及人数', en: 'Workers affected' } },
      { name: 'facts', type: 'textarea', required: true, minLength: 10, maxLength: 500, label: { zh: '投诉事实', en: 'What happened' } },
      mobile,
      truthful,
    ],
    rules: [{ kind: 'dateOrder', earlier: 'owedFrom', later: 'owedTo' }],
    attachments: [
      { slot: 'evidence', required: false, accept: ALL_TYPES, maxBytes: 5 * MB, maxCount: 5, label: { zh: '证据材料（考勤、工资条、聊天记录等）', en: 'Evidence (attendance, pay slips, messages)' } },
    ],
  },
  // ── 人才服务 ─────────────────────────────────────────────────────────────────
  {
    id: 'talent-apartment', category: 'talent', hrssItemCode: 'RC-0201', timeLimitDays: 30,
    title: { zh: '人才公寓申请', en: 'Talent apartment application' },
    summary: { zh: '在青就业创业、本人及配偶在青无住房的人才申请人才公寓', en: 'For graduates and skilled people working in Qingdao who own no home here.' },
    fields: [
      { name: 'education', type: 'select', required: true, options: EDUCATION, label: { zh: '最高学历', en: 'Highest education' } },
      { name: 'graduatedOn', type: 'date', required: true, notAfterToday: true, label: { zh: '毕业日期', en: 'Graduated on' } },
      unitName('employerName', { zh: '工作单位', en: 'Employer' }),
      creditCode('employerCreditCode'),
      { name: 'district', type: 'select', required: true, options: DISTRICTS, label: { zh: '意向区（市）', en: 'Preferred district' } },
      { name: 'married', type: 'select', required: true, options: yesNo, label: { zh: '是否已婚', en: 'Married?' } },
      { name: 'spouseName', type: 'text', required: false, minLength: 2, maxLength: 30, label: { zh: '配偶姓名', en: "Spouse's name" } },
      { name: 'spouseIdNumber', type: 'idNumber', required: false, label: { zh: '配偶证件号码', en: "Spouse's ID number" } },
      { name: 'familySize', type: 'integer', required: true, min: 1, max: 6, unit: { zh: '人', en: 'people' }, label: { zh: '共同居住人数', en: 'People living with you' } },
      { name: 'moveInFrom', type: 'date', required: true, notBeforeToday: true, label: { zh: '希望入住日期', en: 'Wished move-in date' } },
      mobile,
      consent({ zh: '本人承诺本人及配偶在青岛市无自有住房，如有隐瞒愿退还公寓并承担责任', en: 'I declare that neither I nor my spouse own a home in Qingdao' }),
    ],
    rules: [
      { kind: 'requiredIf', field: 'spouseName', when: { field: 'married', equals: 'yes' } },
      { kind: 'requiredIf', field: 'spouseIdNumber', when: { field: 'married', equals: 'yes' } },
    ],
    attachments: [
      degreeCertificate,
      { slot: 'contract', required: true, accept: ALL_TYPES, maxBytes: 5 * MB, maxCount: 5, label: { zh: '劳动合同', en: 'Labour contract' } },
    ],
  },
  {
    id: 'graduate-housing-subsidy', category: 'talent', hrssItemCode: 'RC-0305', timeLimitDays: 20,
    title: { zh: '高校毕业生住房补贴', en: 'Housing subsidy for graduates' },
    summary: { zh: '毕业5年内、在青就业并缴纳社会保险的全日制高校毕业生按月领取住房补贴', en: 'Monthly housing subsidy for full-time graduates (within 5 years) working and insured in Qingdao.' },
    fields: [
      { name: 'education', type: 'select', required: true, options: EDUCATION, label: { zh: '学历', en: 'Education' } },
      { name: 'university', type: 'text', required: true, minLength: 4, maxLength: 60, label: { zh: '毕业院校', en: 'University' } },
      { name: 'graduatedOn', type: 'date', required: true, notAfterToday: true, label: { zh: '毕业日期', en: 'Graduated on' } },
      unitName('employerName', { zh: '工作单位', en: 'Employer' }),
      creditCode('employerCreditCode'),
      mobile,
      consent({ zh: '本人同意核查学历及社保缴费信息，补贴发放至本人社会保障卡金融账户', en: 'I agree to checks of my degree and contributions; the subsidy goes to my social security card account' }),
    ],
    attachments: [degreeCertificate],
  },
  // ── 调解仲裁服务 ─────────────────────────────────────────────────────────────
  {
    id: 'dispute-mediation', category: 'mediation', hrssItemCode: 'TJ-0101', timeLimitDays: 15,
    title: { zh: '劳动争议调解申请', en: 'Labour dispute mediation request' },
    summary: { zh: '劳动者与用人单位发生劳动争议，可向劳动人事争议调解组织申请调解，调解不收费', en: 'Ask a mediation office to settle a dispute with your employer; mediation is free.' },
    fields: [
      unitName('respondentName', { zh: '被申请单位', en: 'Employer' }),
      creditCode('respondentCreditCode', false),
      { name: 'respondentAddress', type: 'text', required: true, minLength: 5, maxLength: 100, label: { zh: '单位地址', en: 'Employer address' } },
      { name: 'disputeType', type: 'select', required: true, options: DISPUTE_TYPES, label: { zh: '争议类型', en: 'Kind of dispute' } },
      { name: 'claimFen', type: 'money', required: false, minFen: 1, maxFen: 1_000_000_000, label: { zh: '涉及金额（元）', en: 'Amount involved (yuan)' } },
      { name: 'facts', type: 'textarea', required: true, minLength: 20, maxLength: 1000, label: { zh: '事实与理由', en: 'Facts and reasons' } },
      { name: 'requests', type: 'textarea', required: true, minLength: 5, maxLength: 500, label: { zh: '调解请求', en: 'What you ask for' } },
      { name: 'mode', type: 'select', required: true, label: { zh: '调解方式', en: 'How to mediate' }, options: [
        { value: 'online', label: { zh: '线上视频调解', en: 'Online video' } },
        { value: 'on_site', label: { zh: '到调解组织现场调解', en: 'In person' } },
      ] },
      mobile,
      truthful,
    ],
    attachments: [
      { slot: 'evidence', required: true, accept: ALL_TYPES, maxBytes: 5 * MB, maxCount: 5, label: { zh: '证据材料（劳动合同、工资条、考勤等）', en: 'Evidence (contract, pay slips, attendance)' } },
    ],
  },
  {
    id: 'arbitration-application', category: 'mediation', hrssItemCode: 'ZC-0101', timeLimitDays: 45,
    title: { zh: '劳动人事争议仲裁申请', en: 'Labour dispute arbitration' },
    summary: { zh: '向劳动人事争议仲裁委员会申请仲裁；仲裁时效为一年，自知道权利被侵害之日起算', en: 'Apply to the arbitration commission within one year of learning of the infringement.' },
    fields: [
      unitName('respondentName', { zh: '被申请人（单位）', en: 'Respondent (employer)' }),
      creditCode('respondentCreditCode'),
      { name: 'respondentAddress', type: 'text', required: true, minLength: 5, maxLength: 100, label: { zh: '被申请人住所', en: 'Respondent address' } },
      { name: 'employmentStart', type: 'date', required: true, notAfterToday: true, label: { zh: '入职日期', en: 'Employed from' } },
      { name: 'employmentEnd', type: 'date', required: false, notAfterToday: true, label: { zh: '离职日期（在职不填）', en: 'Left on (blank if still employed)' } },
      { name: 'disputeType', type: 'select', required: true, options: DISPUTE_TYPES, label: { zh: '争议类型', en: 'Kind of dispute' } },
      { name: 'occurredOn', type: 'date', required: true, notAfterToday: true, label: { zh: '争议发生日期', en: 'Dispute arose on' } },
      { name: 'claimFen', type: 'money', required: false, minFen: 1, maxFen: 1_000_000_000, label: { zh: '请求金额（元）', en: 'Amount claimed (yuan)' } },
      { name: 'claims', type: 'textarea', required: true, minLength: 5, maxLength: 1000, label: { zh: '仲裁请求', en: 'Claims' } },
      { name: 'facts', type: 'textarea', required: true, minLength: 20, maxLength: 2000, label: { zh: '事实与理由', en: 'Facts and reasons' } },
      { name: 'agentName', type: 'text', required: false, minLength: 2, maxLength: 30, label: { zh: '委托代理人姓名（可不填）', en: 'Representative (optional)' } },
      { name: 'agentIdNumber', type: 'idNumber', required: false, label: { zh: '委托代理人证件号码', en: "Representative's ID number" } },
      mobile,
      truthful,
    ],
    rules: [{ kind: 'dateOrder', earlier: 'employmentStart', later: 'employmentEnd' }],
    attachments: [
      { slot: 'evidence', required: true, accept: ALL_TYPES, maxBytes: 5 * MB, maxCount: 10, label: { zh: '证据材料', en: 'Evidence' } },
      { slot: 'authorization', required: false, accept: ALL_TYPES, maxBytes: 5 * MB, maxCount: 1, label: { zh: '授权委托书（委托代理时）', en: 'Power of attorney (if represented)' } },
    ],
  },
];

const BY_ID = new Map(BUSINESS_ITEMS.map((i) => [i.id, i]));

export function businessItem(id: string): BusinessItem | undefined {
  return BY_ID.get(id);
}

export function itemsOf(category: BusinessCategory): BusinessItem[] {
  return BUSINESS_ITEMS.filter((i) => i.category === category);
}
