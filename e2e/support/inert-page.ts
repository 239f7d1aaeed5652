/**
 * Watches a page for any sign that hostile content became active: a script that ran (it sets
 * window.__pwned), a dialog, a popup, a navigation away, a request to anywhere but the allowed
 * origin, a Content-Security-Policy violation, an error thrown while rendering, and elements that
 * only markup could have made (images, frames, scripts, handlers). Attach it before the page
 * loads anything; call expectInert() at each checkpoint.
 */
import { expect, type Page } from '@playwright/test';

/** Elements log text would create if it were ever parsed as HTML (the app itself makes none of them). */
export const ACTIVE_ELEMENTS = [
  'script',
  'iframe',
  'frame',
  'object',
  'embed',
  'img',
  'svg',
  'math',
  'base',
  'style',
  'link',
  'meta',
  'video',
  'audio',
  'source',
  'details',
  'marquee',
  'x-logsift',
  'form[action]',
  '[formaction]',
  '[srcdoc]',
  'a[href]',
] as const;

export interface InertOptions {
  /** Where requests may go: the app's origin, or the report's own file URL. */
  allowedOrigin: string;
  /** The only main-frame URL the page may ever show. */
  expectedUrl: string;
  /** Selectors for the page's own elements of those kinds (the report's timeline is an <svg>). */
  ownElements?: string[];
}

interface Found {
  active: string[];
  handlers: string[];
  styles: string[];
  pwned: unknown;
  violations: string[];
}

export class InertPage {
  readonly dialogs: string[] = [];
  readonly popups: string[] = [];
  readonly requests: string[] = [];
  readonly navigations: string[] = [];
  readonly errors: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly options: InertOptions,
  ) {}

  static async attach(page: Page, options: InertOptions): Promise<InertPage> {
    const watch = new InertPage(page, options);
    page.on('dialog', (dialog) => {
      watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('popup', (popup) => watch.popups.push(popup.url()));
    page.on('request', (request) => {
      const url = request.url();
      if (!watch.allowed(url)) watch.requests.push(url);
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url() !== options.expectedUrl) watch.navigations.push(frame.url());
    });
    page.on('pageerror', (error) => watch.errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') watch.errors.push(message.text());
    });
    // Before any script of the page: CSP violations are reported as events, and every element that
    // appears in the body is checked as it appears, so one that a row recycled a moment later
    // still counts.
    await page.addInitScript((selectors: string) => {
      const state = window as unknown as { __cspViolations: string[]; __activeAdded: Element[] };
      state.__cspViolations = [];
      state.__activeAdded = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        // Every violation counts: the app itself never needs one (zod runs jitless, renderer/zod-config.ts).
        state.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} from ${event.sourceFile}:${event.lineNumber}`);
      });
      const suspicious = (element: Element): boolean => element.matches(selectors) || [...element.attributes].some((attribute) => /^on/i.test(attribute.name));
      const inHead = (node: Node): boolean => document.head !== null && document.head.contains(node);
      new MutationObserver((records) => {
        for (const record of records) {
          if (inHead(record.target)) continue;
          const nodes = record.type === 'attributes' ? [record.target] : [...record.addedNodes];
          for (const node of nodes) {
            if (!(node instanceof Element)) continue;
            // The parser adds <html> whole: its <head> (the page's own scripts and styles) is not log content.
            for (const element of [node, ...node.querySelectorAll('*')]) if (!element.closest('head') && suspicious(element)) state.__activeAdded.push(element);
          }
        }
      }).observe(document, { childList: true, subtree: true, attributes: true });
    }, ACTIVE_ELEMENTS.join(','));
    return watch;
  }

  private allowed(url: string): boolean {
    if (/^(data|blob|about):/.test(url)) return true;
    if (this.options.allowedOrigin.startsWith('file://')) return url === this.options.allowedOrigin;
    return new URL(url).origin === this.options.allowedOrigin;
  }

  /** Everything that went wrong so far, by kind; each list should be empty. */
  async findings(): Promise<Record<string, unknown>> {
    const found = await this.page.evaluate(
      ({ selectors, own }): Found => {
        const ownElements = new Set(own.flatMap((selector) => [...document.querySelectorAll(selector)]));
        const seen = (window as unknown as { __activeAdded?: Element[] }).__activeAdded ?? [];
        const present = [...document.body.querySelectorAll(selectors.join(','))];
        const active = [...new Set([...seen, ...present])].filter((element) => !ownElements.has(element)).map((element) => element.outerHTML.slice(0, 200));
        // Head and body: no element carries an event handler attribute, no inline style loads anything.
        const every = [...document.querySelectorAll('*')];
        const handlers = every.filter((element) => [...element.attributes].some((attribute) => /^on/i.test(attribute.name))).map((element) => element.outerHTML.slice(0, 200));
        const styles = every
          .filter((element) => /url\(|expression\(|@import/i.test(element.getAttribute('style') ?? ''))
          .map((element) => element.outerHTML.slice(0, 200));
        const headExtras = [...document.head.querySelectorAll('base, meta[http-equiv]:not([http-equiv="Content-Security-Policy"])')].map((element) => element.outerHTML);
        return {
          active: [...active, ...headExtras],
          handlers,
          styles,
          pwned: (window as unknown as { __pwned?: unknown }).__pwned,
          violations: (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
        };
      },
      { selectors: [...ACTIVE_ELEMENTS], own: this.options.ownElements ?? [] },
    );
    return {
      pwned: found.pwned,
      dialogs: this.dialogs,
      popups: this.popups,
      requests: this.requests,
      navigations: this.navigations,
      errors: this.errors,
      cspViolations: found.violations,
      activeElements: found.active,
      eventHandlers: found.handlers,
      loadingStyles: found.styles,
    };
  }

  /** Fails, naming what happened, unless nothing hostile ever became active. */
  async expectInert(where: string): Promise<void> {
    expect(await this.findings(), `hostile content became active (${where})`).toEqual({
      pwned: undefined,
      dialogs: [],
      popups: [],
      requests: [],
      navigations: [],
      errors: [],
      cspViolations: [],
      activeElements: [],
      eventHandlers: [],
      loadingStyles: [],
    });
  }
}
