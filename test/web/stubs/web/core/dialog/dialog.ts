// Jest stand-in for Odoo's "@web/core/dialog/dialog": the same props and slots (body, footer)
// around a plain frame, with the title as the dialog's accessible name.
import { Component, xml } from "@odoo/owl";

export class Dialog extends Component {
  static override template = xml`
        <div class="o_dialog modal d-block" role="dialog" t-att-aria-label="props.title">
            <header t-if="props.header" class="modal-header"><h4 class="modal-title" t-esc="props.title"/></header>
            <main class="modal-body"><t t-slot="default"/></main>
            <footer t-if="props.footer" class="modal-footer"><t t-slot="footer"/></footer>
        </div>`;
  static override props = {
    title: { type: String, optional: true },
    size: { type: String, optional: true },
    contentClass: { type: String, optional: true },
    bodyClass: { type: String, optional: true },
    footer: { type: Boolean, optional: true },
    header: { type: Boolean, optional: true },
    technical: { type: Boolean, optional: true },
    withBodyPadding: { type: Boolean, optional: true },
    slots: { type: Object },
  };
  static override defaultProps = { title: "Odoo", footer: true, header: true, size: "lg" };
}
