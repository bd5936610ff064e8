// Control Room: live counts of the work waiting in CRM, Sales and activities, one card each.
// An Odoo client action (registered in ../index.ts); template in control_room.xml.
import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import type { ORM } from "@web/core/orm_service";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import type { ActionService } from "@web/webclient/actions/action_service";
import { DateTime } from "luxon";
import { getCardDefinitions, type CardDefinition, type CardKey } from "./cards";

export type CardStatus = "loading" | "ready" | "error";

export interface CardState {
  status: CardStatus;
  count: number | null;
  /** readable reason when status is "error" */
  error: string | null;
}

interface ControlRoomState {
  cards: Partial<Record<CardKey, CardState>>;
  refreshing: boolean;
}

const ACCESS_ERROR = "odoo.exceptions.AccessError";

/**
 * A short, readable reason for a failed count. Odoo's RPCError carries the exception class in
 * `exceptionName` and the server message in `data.message` (`message` is "Odoo Server Error").
 */
export function describeCountError(error: unknown): string {
  const rpcError = (typeof error === "object" && error !== null ? error : {}) as {
    exceptionName?: unknown;
    data?: { name?: unknown; message?: unknown } | null;
    message?: unknown;
  };
  if (rpcError.exceptionName === ACCESS_ERROR || rpcError.data?.name === ACCESS_ERROR) {
    return _t("No access");
  }
  for (const candidate of [rpcError.data?.message, rpcError.message, error]) {
    if (typeof candidate === "string" && candidate.trim()) {
      // server messages can span paragraphs; the first line is the sentence that matters
      return candidate.trim().split("\n")[0];
    }
  }
  return _t("Could not load this count");
}

export class ControlRoom extends Component {
  static override template = "addon_ops_harmony.ControlRoom";
  // a client action receives the action service's props (action, actionId, className, ...)
  static override props = ["*"];

  // assigned in setup(): hooks cannot run in class-field initialisers
  declare orm: ORM;
  declare action: ActionService;
  declare cards: CardDefinition[];
  declare state: ControlRoomState;
  declare loadId: number;

  override setup(): void {
    this.orm = useService("orm");
    this.action = useService("action");
    this.cards = [];
    this.loadId = 0;
    this.state = useState<ControlRoomState>({ cards: {}, refreshing: false });
    onWillStart(() => this.loadCounts());
  }

  /** Builds the card definitions for the current user and today's date. */
  buildCards(): CardDefinition[] {
    return getCardDefinitions({
      uid: user.userId,
      today: DateTime.now().toFormat("yyyy-MM-dd"),
    });
  }

  getCardState(key: CardKey): CardState {
    return this.state.cards[key] ?? { status: "loading", count: null, error: null };
  }

  /**
   * Loads every count independently: a rejected search_count (e.g. an AccessError for a user
   * without that app) marks its own card as failed, the other cards still get their numbers.
   * Only the latest load writes its results, so a slow earlier refresh cannot overwrite them.
   */
  async loadCounts(): Promise<void> {
    const loadId = ++this.loadId;
    this.cards = this.buildCards();
    for (const card of this.cards) {
      this.state.cards[card.key] = { status: "loading", count: null, error: null };
    }
    await Promise.all(
      this.cards.map(async (card) => {
        let result: CardState;
        try {
          const count = await this.orm.searchCount(card.model, card.domain);
          result = { status: "ready", count, error: null };
        } catch (error) {
          result = { status: "error", count: null, error: describeCountError(error) };
        }
        if (loadId === this.loadId) {
          this.state.cards[card.key] = result;
        }
      }),
    );
  }

  async onRefreshClick(): Promise<void> {
    if (this.state.refreshing) {
      return;
    }
    this.state.refreshing = true;
    try {
      await this.loadCounts();
    } finally {
      this.state.refreshing = false;
    }
  }

  /** Opens the records behind a card, with the same domain that was counted. */
  openCard(card: CardDefinition): Promise<unknown> {
    return this.action.doAction({
      type: "ir.actions.act_window",
      name: card.label,
      res_model: card.model,
      domain: card.domain,
      views: [
        [false, "list"],
        [false, "form"],
      ],
      target: "current",
    });
  }
}
