import type { ComponentType } from 'react';
import type { Role } from '../../shared/roles.js';

/**
 * The client's plug: what a module folder (`src/web/modules/<m>/<m>.module.ts`)
 * hands the shell. The shell never imports a module; `src/web/registry.ts`
 * lists the installed ones and `main.tsx` gives that list to the shell, which
 * builds the menu, the routes and the kind labels from it.
 */
export interface ClientModule {
  /** Its pages in the menu and the router. */
  pages: readonly AppPage[];
  /** The object kinds it owns, as the server names them. */
  kinds?: readonly ObjectKind[];
}

export type GroupKey = 'work' | 'documents' | 'info' | 'support' | 'rules' | 'secrecy' | 'system' | 'security' | 'audit' | 'personal';

export type Access = readonly Role[] | 'all';

export interface AppPage {
  /** Also the server's module name for business modules. */
  key: string;
  /** Path without the leading slash; a nested or planned page also matches `<path>/*`. */
  path: string;
  title: string;
  group: GroupKey;
  access: Access;
  icon: ComponentType;
  /** A module with pages of its own below its path (`/incoming/new`, `/incoming/<id>`). */
  nested?: boolean;
  /** A business module not built yet: it opens the 建设中 page, which lists what it will do. */
  plan?: readonly string[];
  load: () => Promise<{ default: ComponentType }>;
}

/** A kind of object (收文, 督办 …) as users call it: to-dos, search hits and notifications carry the kind. */
export interface ObjectKind {
  kind: string;
  label: string;
  /** The colour of its tag among search results. */
  color?: string;
  /** Offered as a filter on the search page (the server indexes it). Its objects open at `/<kind>/<id>`. */
  searchable?: boolean;
  /** A to-do's state in the to-do centre's words (the step that waits, not the record's status). */
  todoStates?: Readonly<Record<string, string>>;
}

/** Business roles (the bureau's work). The three administrators never see these modules (三员分立). */
export const EVERYONE_IN_BUSINESS: Access = ['leader', 'office_director', 'office_clerk', 'division_head', 'staff', 'secrecy_officer'];
/** Those who handle documents, 督办 and petitions: leaders, the office and the divisions. */
export const DOCUMENT_HANDLERS: Access = ['leader', 'office_director', 'office_clerk', 'division_head', 'staff'];
