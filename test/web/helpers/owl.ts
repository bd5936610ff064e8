// Mounting OWL components the way Odoo would, without Odoo: App in test mode, the templates from
// the same web_src/**/*.xml files the build concatenates, and an env whose services are stubs.
import { App, type ComponentConstructor } from "@odoo/owl";
import path from "node:path";
import { buildTemplatesXml } from "../../../scripts/build/web_templates.cjs";
import { registerCleanup } from "./cleanup";

export const REPO_ROOT = path.resolve(__dirname, "../../..");

let templates: string | null = null;

/** All web_src templates as one XML document, exactly what the build writes to generated/. */
export function getTemplates(): string {
  templates ??= buildTemplatesXml(REPO_ROOT);
  return templates;
}

export interface TestEnv {
  services: Record<string, unknown>;
}

export interface MountOptions {
  services: Record<string, unknown>;
  props?: Record<string, unknown>;
  /** XML templates; defaults to getTemplates() */
  templates?: string;
}

export interface Mounted<C> {
  app: App;
  component: C;
  /** the element the component is mounted in */
  target: HTMLElement;
  env: TestEnv;
}

/** Mounts Component in a fresh element of document.body; destroyed by the cleanup stack. */
export async function mountComponent<C extends ComponentConstructor>(
  Component: C,
  { services, props = {}, templates: xml = getTemplates() }: MountOptions,
): Promise<Mounted<InstanceType<C>>> {
  const target = document.createElement("div");
  target.classList.add("o_test_target");
  document.body.appendChild(target);
  const env: TestEnv = { services };
  const app = new App(Component, { env, props, templates: xml, test: true });
  registerCleanup(() => {
    app.destroy();
    target.remove();
  });
  const component = (await app.mount(target)) as InstanceType<C>;
  return { app, component, target, env };
}
