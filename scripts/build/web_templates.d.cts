// Types for web_templates.cjs (imported by the jest helpers).
export interface TemplateSource {
  /** posix path relative to the repository root, e.g. "web_src/src/control_room/control_room.xml" */
  file: string;
  content: string;
}
export declare const TEMPLATES_BANNER: string;
export declare function normalizeNewlines(text: string): string;
export declare function collectTemplateSources(root: string, dir?: string): TemplateSource[];
export declare function renderTemplatesXml(sources: TemplateSource[]): string;
export declare function buildTemplatesXml(root: string): string;
export declare function templateNames(body: string): string[];
