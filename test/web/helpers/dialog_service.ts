// A dialog service for tests that really mounts what it is given, as Odoo's does: each dialog in
// its own element of document.body, with a `close` prop that destroys it and runs onClose.
import type { ComponentConstructor } from "@odoo/owl";
import { mountComponent, type Mounted } from "./owl";

export interface OpenDialog {
  component: ComponentConstructor;
  props: Record<string, unknown>;
  /** resolves once the dialog is mounted */
  mounted: Promise<Mounted<unknown>>;
  close(): void;
}

export function makeDialogService({ services, templates }: { services: () => Record<string, unknown>; templates?: string }) {
  /** the dialogs open now, oldest first */
  const open: OpenDialog[] = [];
  const add = jest.fn(
    (component: ComponentConstructor, props: Record<string, unknown> = {}, options: { onClose?: () => void } = {}) => {
      let closed = false;
      const close = () => {
        if (closed) {
          return;
        }
        closed = true;
        open.splice(open.indexOf(dialog), 1);
        void dialog.mounted.then(({ app, target }) => {
          app.destroy();
          target.remove();
        });
        options.onClose?.();
      };
      const dialog: OpenDialog = {
        component,
        props,
        close,
        mounted: mountComponent(component, { services: services(), props: { ...props, close }, templates }),
      };
      open.push(dialog);
      return close;
    },
  );
  return { add, open, closeAll: () => [...open].forEach((dialog) => dialog.close()) };
}
