import Koa from 'koa';
import type { DataSource } from 'typeorm';
import type { Adapters } from './adapters';
import type { Config } from './config';
import { ApiRouter } from './http/api-router';
import { bodyParser } from './http/body-parser.middleware';
import type { RequestState } from './http/context';
import { cors } from './http/cors.middleware';
import { errorHandler } from './http/error-handler.middleware';
import { requestContext } from './http/request-context.middleware';
import { securityHeaders } from './http/security-headers.middleware';
import { staticFiles } from './http/static-files.middleware';
import type { KvStore } from './kv/kv-store';
import type { Clock } from './lib/clock';
import type { Logger } from './lib/logger';
import { PiiCipher } from './lib/crypto/pii-cipher';
import { AuditService } from './modules/audit/audit.service';
import { mountAuthRoutes } from './modules/auth/auth.routes';
import { AuthService } from './modules/auth/auth.service';
import { sessionGuard } from './modules/auth/session.guard';
import { SessionStore } from './modules/auth/session.store';
import { mountHealthRoutes } from './modules/health/health.routes';
import { buildOpenApiDocument } from './modules/openapi/openapi.document';
import { BranchDirectory } from './modules/branches/branch-directory';
import { mountBranchRoutes } from './modules/branches/branches.routes';
import { mountHotlineRoutes } from './modules/hotline/hotline.routes';
import { HotlineService } from './modules/hotline/hotline.service';
import { createPaymentsModule } from './modules/payments/payments.module';
import { createFeesModule } from './modules/fees/fees.module';
import { createMedicalModule } from './modules/medical/medical.module';
import { applicationStatusHandler } from './modules/business/application-events';
import { mountBusinessRoutes } from './modules/business/business.routes';
import { BusinessService } from './modules/business/business.service';
import { HrssEventProcessor, HrssEventRegistry } from './modules/hrss-notify/hrss-event-registry';
import { mountHrssNotify } from './modules/hrss-notify/hrss-notify.routes';
import { ProofService } from './modules/records/proof.service';
import { ProofSigner } from './modules/records/proof-signer';
import { mountRecordsRoutes } from './modules/records/records.routes';
import { RecordsService } from './modules/records/records.service';
import type { RecordsSubjectResolver } from './modules/records/records-subject';
import { handoffIdentity, recordsSubjectResolver } from './modules/identity/identity-bridges';
import { ResidentService } from './modules/identity/resident.service';
import { FaceCheckService } from './modules/identity/face-check.service';
import { IdentityService } from './modules/identity/identity.service';
import { mountIdentityRoutes } from './modules/identity/identity.routes';
import { GuardianshipQueries } from './modules/family/guardianship.queries';
import { CardStatusService } from './modules/ecard/card-status.service';
import { EcardService } from './modules/ecard/ecard.service';
import { PasswordGate } from './modules/ecard/ecard-password';
import { QrCodeService } from './modules/ecard/qr-code.service';
import { mountEcardRoutes } from './modules/ecard/ecard.routes';
import { UploadService } from './modules/family/upload.service';
import { FamilyService } from './modules/family/family.service';
import { mountFamilyRoutes } from './modules/family/family.routes';
import { TerminalService } from './modules/terminal/terminal.service';
import { createNotificationsModule } from './modules/notifications/notifications.module';
import { announcePaymentResults } from './modules/notifications/producers';
import { CardService } from './modules/card/card.service';
import { CardAppointmentService } from './modules/card/card-appointment.service';
import { cardProductionHandler, cardStatusHandler } from './modules/card/card-events';
import { mountCardRoutes } from './modules/card/card.routes';
import type { Notifier } from './modules/notifications/notifier.port';
import { terminalGuard } from './modules/terminal/terminal.guard';
import { mountTerminalRoutes } from './modules/terminal/terminal.routes';
import { createPayTerminalModule } from './modules/pay-terminal/pay-terminal.module';

export interface AppDeps {
  config: Config;
  db: DataSource;
  kv: KvStore;
  logger: Logger;
  clock: Clock;
  adapters: Adapters;
  /** Stand-ins for parts other features provide (tests inject them; the lead wires the real ones). */
  overrides?: AppOverrides;
}

export interface AppOverrides {
  /** Session → resident (or ward) for records and business; default refuses with REAL_NAME_REQUIRED. */
  recordsSubjectResolver?: RecordsSubjectResolver;
  /** Subscription messages (the notifications module); tests pass a recording fake. */
  notifier?: Notifier;
}

export const VERSION = '0.1.0';

/** Paths the H5 static server must never answer for. */
const API_PREFIXES = ['/api/', '/terminal/', '/notify/', '/healthz', '/readyz', '/openapi.json'];

/**
 * Builds the Koa application from its dependencies without listening, so tests drive it
 * in-process and server.ts decides about ports and shutdown.
 */
export function createApp(deps: AppDeps) {
  const { config, db, kv, logger, clock, adapters } = deps;
  const app = new Koa<RequestState>({ proxy: config.trustProxy });
  app.silent = true; // errors are logged by the error handler, once, with the request id

  const pii = new PiiCipher(config.pii.encKey, config.pii.hashKey);
  const sessions = new SessionStore(kv, clock, config.sessionTtlSeconds * 1000);
  const audit = new AuditService(db, clock);
  const residents = new ResidentService(db, pii, clock);
  const auth = new AuthService(
    db,
    {
      wechat: { identify: async (code) => ({ channelUserId: (await adapters.wechat.code2Session(code)).openid }) },
      h5: { identify: async (code) => ({ channelUserId: (await adapters.h5Identity.exchangeCode(code)).subject }) },
      alipay: { identify: async (code) => ({ channelUserId: (await adapters.alipay.oauthToken(code)).userId }) },
    },
    sessions,
    audit,
    clock,
    residents.describe,
  );
  const branches = new BranchDirectory(db, clock, logger, config.branches.indexRefreshMs);
  // The identity feature supplies the masked name and ID number of real-name bound accounts.
  const faces = new FaceCheckService({ db, kv, pii, clock, wechat: adapters.wechat, alipay: adapters.alipay, alipayAppId: config.alipay.appId, sandbox: adapters.sandbox });
  const guardians = new GuardianshipQueries(db, clock);
  const cardStatus = new CardStatusService(db, pii, clock, adapters.national, adapters.hrss);
  const identity = new IdentityService({ db, clock, residents, faces, national: adapters.national, sessions, auth, audit });
  // The hotline ticket carries the masked identity of a real-name bound caller.
  const hotline = new HotlineService(db, adapters.hotline, kv, clock, audit, handoffIdentity({ identity, residents }));
  const ecards = new EcardService({
    db, clock, residents, cardStatus, national: adapters.national, faces, guardians, passwords: new PasswordGate(db, clock), audit,
    boundResidentId: (s) => identity.boundResidentId(s),
  });
  identity.onBound = ecards.addChannel;
  const qr = new QrCodeService({ kv, clock, signingKey: config.qrSigningKey, ttlSeconds: config.qrTtlSeconds, cardStatus, audit });
  const uploads = new UploadService(db, clock, config.uploadDir, config.uploadLimitBytes);
  const family = new FamilyService({ db, clock, residents, identity, ecards, guardians, uploads, national: adapters.national, audit });
  const terminals = new TerminalService(db, pii, clock);

  app.use(requestContext(logger));
  app.use(securityHeaders({ hsts: config.env === 'production' }));
  app.use(errorHandler());
  app.use(cors(config.h5Origins));
  if (config.staticDir) app.use(staticFiles(config.staticDir, API_PREFIXES));
  app.use(bodyParser({ limitBytes: config.bodyLimitBytes }));

  const api = new ApiRouter({ session: sessionGuard(sessions), terminal: terminalGuard(terminals, kv, clock) });
  mountHealthRoutes(api, { db, kv, version: VERSION, sandbox: config.sandbox.enabled });
  mountAuthRoutes(api, { auth, kv, sandbox: adapters.sandbox });
  mountBranchRoutes(api, { directory: branches, kv, clock });
  mountHotlineRoutes(api, { hotline });
  const payments = createPaymentsModule({ config, db, kv, clock, logger, adapters, audit });
  payments.mount(api);
  // Subscription messages + inbox; features announce changes through `notifications.service` (the Notifier port).
  const notifications = createNotificationsModule({ config, db, kv, clock, logger, adapters, guardians, audit });
  notifications.mount(api);
  announcePaymentResults(payments.hooks, notifications.service, () => clock.now());
  // Card status, production progress and appointments are announced through the same port.
  const notifier: Notifier = deps.overrides?.notifier ?? notifications.service;
  const cards = new CardService({ db, clock, pii, hrss: adapters.hrss, national: adapters.national, residents, guardians, ecards, cardStatus, audit, notifier, logger });
  const cardAppointments = new CardAppointmentService(db, clock, branches, ecards, audit, notifier);
  mountIdentityRoutes(api, { identity, faces });
  mountEcardRoutes(api, { ecards, qr, cardStatus, kv, audit, qrIssuePerMinute: config.qrIssuePerMinute });
  mountFamilyRoutes(api, { family, uploads, kv });
  mountTerminalRoutes(api, { qr });
  const payTerminal = createPayTerminalModule({ config, db, clock, logger, adapters, audit, payments, qr, terminals, residents, cardStatus });
  payTerminal.mount(api);
  mountCardRoutes(api, { cards, appointments: cardAppointments, kv });

  let openapi: unknown;
  api.router.get('/openapi.json', (ctx) => {
    openapi ??= buildOpenApiDocument(api.endpoints, VERSION);
    ctx.body = openapi;
  });

  const subjects = deps.overrides?.recordsSubjectResolver ?? recordsSubjectResolver({ db, identity, residents, guardians });
  const records = new RecordsService(adapters.hrss, kv, audit, clock, config.records.cacheTtlSeconds * 1000);
  auth.onLogout(({ userId }) => records.dropUser(userId));
  const proofSigner = new ProofSigner(config.proofs.sm2PrivateKey, config.proofs.sm2PublicKey, config.proofs.codeKey);
  const proofs = new ProofService(db, adapters.hrss, records, proofSigner, audit, clock, { validDays: config.proofs.validDays, uploadDir: config.uploadDir, fontPath: config.proofs.fontPath }, logger);
  mountRecordsRoutes(api, { records, proofs, subjects, audit, kv });
  const business = new BusinessService(db, adapters.hrss, pii, audit, clock, logger, config.uploadDir);
  mountBusinessRoutes(api, { business, subjects, kv, uploadDir: config.uploadDir, uploadLimitBytes: config.uploadLimitBytes });
  const fees = createFeesModule({ db, hrss: adapters.hrss, payments, audit, clock, logger, subjects, signer: proofSigner, fontPath: config.proofs.fontPath });
  fees.mount(api);
  const medical = createMedicalModule({ db, kv, medins: adapters.medins, qr, terminals, pii, payments, audit, clock, logger, confirmTtlSeconds: config.medins.confirmTtlSeconds });
  medical.mount(api);
  // HRSS callbacks: features register a handler per event type (card status, paid bills …).
  const hrssEvents = new HrssEventRegistry()
    .register(applicationStatusHandler(business, notifications.service))
    .register(cardStatusHandler(cards))
    .register(cardProductionHandler(cards));
  mountHrssNotify(api.router, { hrss: config.hrss, kv, clock, registry: hrssEvents, processor: new HrssEventProcessor(db, hrssEvents, clock) });

  app.use(api.router.routes());
  app.use(api.router.allowedMethods({ throw: true }));

  return Object.assign(app, {
    services: {
      pii, sessions, audit, auth, residents, faces, identity, ecards, qr, cardStatus, family, uploads, terminals,
      branches, hotline, payments, payTerminal, records, proofs, business, hrssEvents, notifications, fees, medical,
      cards, cardAppointments,
    },
    endpoints: api.endpoints,
  });
}

export type App = ReturnType<typeof createApp>;
