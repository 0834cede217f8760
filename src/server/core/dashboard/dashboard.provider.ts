import type { Deps } from '../deps.js';
import type { Actor } from '../http/actor.js';

/** Which part of the bureau a dashboard reader asked for (`?scope=division` for a division head). */
export interface DashboardQuery {
  year: number;
  scope: 'bureau' | 'division';
  /** The reader's own division when `scope` is `division`. */
  unitId: string | null;
}

/** A link from a figure to the client page that lists the items behind it. */
export interface DashboardLink {
  title: string;
  href: string;
}

/** One module's section: its figures (counts, 0–1 rates, fen, dates) and the links behind them. */
export interface DashboardSection {
  links: DashboardLink[];
  [figure: string]: unknown;
}

/**
 * A module's contribution to the 领导驾驶舱 (../shared/api/dashboard.md). The
 * dashboard never reads a module's tables: each figure comes from the same
 * service call as the module's own ledger or statistics route.
 */
export interface DashboardProvider {
  /** The key under `sections`, e.g. `incoming`. */
  section: string;
  build(deps: Deps, actor: Actor, query: DashboardQuery): Promise<DashboardSection>;
  /** Monthly series this module answers for `GET /api/dashboard/trend`, by metric name (`incoming.received`). */
  trends?: Record<string, (deps: Deps, actor: Actor, months: readonly string[]) => Promise<number[]>>;
}
