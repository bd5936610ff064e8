// The vendor field of the review screen: an input that searches the partners as the reviewer
// (name or VAT, through the orm service, no sudo) and lists them with their VAT. While the list is
// open, ↓/↑ move, Enter picks and Esc closes it; otherwise the keys belong to the screen's keyboard
// flow (`onKeydown`). Picking only sets the screen's decision: nothing is written until Confirm.
// Template: partner_picker.xml.
import { Component, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import type { ORM } from "@web/core/orm_service";
import { useService } from "@web/core/utils/hooks";
import { serverMessage } from "../configurator/configurator_rpc";
import { searchPartners, type PartnerHit } from "./review_rpc";

/** how long typing pauses before the search runs, in ms */
export const SEARCH_DELAY = 200;

interface PickerProps {
  inputId: string;
  /** the field name, on the input as data-field (the screen focuses inputs by it) */
  field: string;
  /** what the input shows while the reviewer is not typing: the picked partner's name */
  label: string;
  companyId?: number;
  readonly: boolean;
  onPick: (partner: PartnerHit) => void;
  onFocus: () => void;
  onKeydown: (ev: KeyboardEvent) => void;
}

interface PickerState {
  /** the text typed since the last pick; null: not typing, the input shows `label` */
  query: string | null;
  results: PartnerHit[];
  open: boolean;
  active: number;
  searching: boolean;
  error: string;
}

export class PartnerPicker extends Component {
  static override template = "addon_ops_harmony.AiReviewPartnerPicker";
  static override props = {
    inputId: String,
    field: String,
    label: String,
    companyId: { type: Number, optional: true },
    readonly: Boolean,
    onPick: Function,
    onFocus: Function,
    onKeydown: Function,
  };

  declare orm: ORM;
  declare state: PickerState;
  declare timer: ReturnType<typeof setTimeout> | undefined;
  declare sequence: number;

  override setup(): void {
    this.orm = useService("orm");
    this.state = useState<PickerState>({ query: null, results: [], open: false, active: 0, searching: false, error: "" });
    this.timer = undefined;
    this.sequence = 0;
    onWillUnmount(() => clearTimeout(this.timer));
  }

  get pickerProps(): PickerProps {
    return this.props as unknown as PickerProps;
  }

  get inputValue(): string {
    return this.state.query ?? this.pickerProps.label;
  }

  get listId(): string {
    return `${this.pickerProps.inputId}_list`;
  }

  optionId(index: number): string {
    return `${this.listId}_${index}`;
  }

  get activeId(): string | false {
    return this.state.open && this.state.results.length ? this.optionId(this.state.active) : false;
  }

  onInput(ev: Event): void {
    const query = (ev.target as HTMLInputElement).value;
    this.state.query = query;
    clearTimeout(this.timer);
    if (!query.trim()) {
      this.close();
      this.state.query = query;
      return;
    }
    this.timer = setTimeout(() => void this.search(), SEARCH_DELAY);
  }

  /** Runs the search for the typed text now; a slower answer to an earlier text is dropped. */
  async search(): Promise<void> {
    clearTimeout(this.timer);
    const query = this.state.query;
    if (query === null || !query.trim()) {
      return;
    }
    const sequence = ++this.sequence;
    this.state.searching = true;
    let results: PartnerHit[] = [];
    let error = "";
    try {
      results = await searchPartners(this.orm, query, this.pickerProps.companyId ?? null);
    } catch (caught) {
      error = serverMessage(caught);
    }
    if (sequence !== this.sequence || this.state.query === null) {
      return;
    }
    Object.assign(this.state, { results, error, open: true, active: 0, searching: false });
  }

  pick(partner: PartnerHit | undefined): void {
    if (!partner) {
      return;
    }
    this.close();
    this.pickerProps.onPick(partner);
  }

  /** Closes the list and forgets the typed text: the input shows the picked partner again. */
  close(): void {
    clearTimeout(this.timer);
    this.sequence++;
    Object.assign(this.state, { query: null, results: [], open: false, active: 0, searching: false, error: "" });
  }

  onKeydown(ev: KeyboardEvent): void {
    const typing = this.state.query !== null;
    const plain = !(ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey);
    if (this.state.open && plain && ["ArrowDown", "ArrowUp", "Enter", "Escape"].includes(ev.key)) {
      ev.preventDefault();
      ev.stopPropagation();
      const last = this.state.results.length - 1;
      if (ev.key === "ArrowDown") {
        this.state.active = Math.min(this.state.active + 1, Math.max(last, 0));
      } else if (ev.key === "ArrowUp") {
        this.state.active = Math.max(this.state.active - 1, 0);
      } else if (ev.key === "Enter") {
        this.pick(this.state.results[this.state.active]); // nothing listed: nothing to pick, the list stays
      } else {
        this.close();
      }
      return;
    }
    if (typing && plain && (ev.key === "Enter" || ev.key === "Escape")) {
      // typed but not listed yet: Enter searches at once, Esc gives up the text
      ev.preventDefault();
      ev.stopPropagation();
      if (ev.key === "Enter") {
        void this.search();
      } else {
        this.close();
      }
      return;
    }
    this.pickerProps.onKeydown(ev);
  }

  onBlur(): void {
    this.close();
  }

  vatText(partner: PartnerHit): string {
    return partner.vat ?? _t("no VAT");
  }
}
