// Jest stand-in for Odoo's "@web/core/utils/pdfjs": the tests put a fake pdfjsLib on globalThis
// and count the loads here.
export const loadPDFJSAssets = jest.fn(async (): Promise<unknown> => undefined);
