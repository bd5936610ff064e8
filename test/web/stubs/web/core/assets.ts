// Jest stand-in for Odoo's "@web/core/assets" (addons/web/static/src/core/assets.js): loadBundle
// as a jest mock that loads nothing (a test defines the lazy bundle's module itself, as Odoo's
// loader would).

export const loadBundle = jest.fn(async (_bundleName: string): Promise<unknown[]> => []);
