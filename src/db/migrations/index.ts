/**
 * The ordered list of migrations. Each is a list of SQL statements, run one by one in one
 * transaction (PGlite's extended protocol takes a single statement per call). The same SQL
 * runs on PGlite and on PostgreSQL.
 */
import { regionModel } from './0001-region-model.ts'
import { rowLevelSecurity } from './0002-row-level-security.ts'
import { aggregates } from './0003-aggregates.ts'
import { toegang } from './0004-toegang.ts'
import { declaraties } from './0005-declaraties.ts'
import { budgetten } from './0006-budgetten.ts'
import { uitkomsten } from './0007-uitkomsten.ts'
import { toewijzingBerichten } from './0008-toewijzing-berichten.ts'
import { taakgerichtLevering } from './0009-taakgericht-levering.ts'
import { termijnen } from './0010-termijnen.ts'
import { declaratieReferentie } from './0011-declaratie-referentie.ts'
import { clientBerichtgegevens } from './0012-client-berichtgegevens.ts'
import { verstuurdeVersies } from './0013-verstuurde-versies.ts'
import { pgb } from './0014-pgb.ts'
import { securityReview } from './0015-security-review.ts'
import { sessionIdleAndTrustedDevices } from './0016-session-idle-and-trusted-devices.ts'
import { auditPage } from './0019-audit-page.ts'
import { toezichtSteekproef } from './0020-toezicht-steekproef.ts'
import { regionHuisstijl } from './0021-region-huisstijl.ts'
import { waarnemer } from './0022-waarnemer.ts'
import { trajectFeiten } from './0023-traject-feiten.ts'
import { budgetKeysOwnerOnly } from './0024-budget-keys-owner-only.ts'
import { trajectenZonderRang } from './0025-trajecten-zonder-rang.ts'
import { tweedeMeningTermijnen } from './0026-tweede-mening-termijnen.ts'
import { contractmanagement } from './0027-contractmanagement.ts'
import { bestedingsruimte } from './0028-bestedingsruimte.ts'
import { voorliggendVeldEnScenarios } from './0029-voorliggend-veld-en-scenarios.ts'
import { integriteit } from './0031-integriteit.ts'
import { tweedeMeningRegels } from './0030-tweede-mening-regels.ts'
import { contractMaxWinst } from './0032-contract-max-winst.ts'
import { trajectProfiel } from './0033-traject-profiel.ts'
import { beschikkingClient } from './0034-beschikking-client.ts'
import { verplichtingMaandSegment } from './0035-verplichting-maand-segment.ts'
import { budgetPrognoseCoveringKey } from './0036-budget-prognose-covering-key.ts'
import { trajectenBereikEenmaal } from './0037-trajecten-bereik-eenmaal.ts'
import { realisatieMaandSegment } from './0038-realisatie-maand-segment.ts'
import { trajectFeitenGericht } from './0039-traject-feiten-gericht.ts'

export interface Migration {
  name: string
  statements: string[]
}

export const migrations: Migration[] = [regionModel, rowLevelSecurity, aggregates, toegang, declaraties, budgetten, uitkomsten, toewijzingBerichten, taakgerichtLevering, termijnen, declaratieReferentie, clientBerichtgegevens, verstuurdeVersies, pgb, securityReview, sessionIdleAndTrustedDevices, auditPage, toezichtSteekproef, regionHuisstijl, waarnemer, trajectFeiten, budgetKeysOwnerOnly, trajectenZonderRang, tweedeMeningTermijnen, contractmanagement, bestedingsruimte, voorliggendVeldEnScenarios, tweedeMeningRegels, integriteit, contractMaxWinst, trajectProfiel, beschikkingClient, verplichtingMaandSegment, budgetPrognoseCoveringKey, trajectenBereikEenmaal, realisatieMaandSegment, trajectFeitenGericht]
