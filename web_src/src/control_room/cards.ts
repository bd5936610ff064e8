// The Control Room cards: what each one counts and which list it opens. Pure data plus one
// function that turns the current user and date into domains, so it is testable without Odoo.
import type { DomainListRepr } from "@web/core/domain";
import { _t } from "@web/core/l10n/translation";

export const CARD_KEYS = ["leads", "opportunities", "quotations", "overdue_activities", "queued_leads"] as const;

export type CardKey = (typeof CARD_KEYS)[number];

export interface CardContext {
  /** res.users id of the current user */
  uid: number;
  /** today's date in the user's time zone, yyyy-MM-dd */
  today: string;
}

export interface CardDefinition {
  key: CardKey;
  label: string;
  model: string;
  domain: DomainListRepr;
  /** Font Awesome icon class */
  icon: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The cards in display order. Labels go through _t here, at call time (not at module load), so
 * they are translated once Odoo has loaded the user's language.
 */
export function getCardDefinitions({ uid, today }: CardContext): CardDefinition[] {
  if (!Number.isInteger(uid) || uid <= 0) {
    throw new Error(`getCardDefinitions: uid must be a positive integer, got ${String(uid)}`);
  }
  if (!DATE_RE.test(today)) {
    throw new Error(`getCardDefinitions: today must be yyyy-MM-dd, got ${JSON.stringify(today)}`);
  }
  return [
    {
      key: "leads",
      label: _t("Leads to qualify"),
      model: "crm.lead",
      domain: [["type", "=", "lead"]],
      icon: "fa-filter",
    },
    {
      key: "opportunities",
      label: _t("Open opportunities"),
      model: "crm.lead",
      domain: [
        ["type", "=", "opportunity"],
        ["probability", "<", 100],
      ],
      icon: "fa-handshake-o",
    },
    {
      key: "quotations",
      label: _t("Quotations to confirm"),
      model: "sale.order",
      domain: [["state", "in", ["draft", "sent"]]],
      icon: "fa-file-text-o",
    },
    {
      key: "overdue_activities",
      label: _t("My overdue activities"),
      model: "mail.activity",
      domain: [
        ["user_id", "=", uid],
        ["date_deadline", "<", today],
      ],
      icon: "fa-clock-o",
    },
    {
      // leads nobody in their team could take yet: the queue assigner gives them out
      key: "queued_leads",
      label: _t("Leads waiting in queues"),
      model: "crm.lead",
      domain: [["ops_routing_state", "=", "queued"]],
      icon: "fa-hourglass-half",
    },
  ];
}
