import { browser } from 'wxt/browser';
import english from '../public/_locales/en/messages.json';

/**
 * User-visible text of the extension pages, from `_locales/<lang>/messages.json` through browser.i18n.
 * English is complete; another language is one more messages.json with the same keys. Where the i18n API
 * is missing (unit tests, a page opened outside the extension) the English file answers, with the same
 * `$PLACEHOLDER$` and `$1` substitution rules the browser applies.
 */

export type MessageKey = keyof typeof english;

interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const FALLBACK = english as Record<string, MessageEntry>;

function substitute(entry: MessageEntry, subs: readonly string[]): string {
  const withPlaceholders = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    return placeholder ? placeholder.content : whole;
  });
  return withPlaceholders.replace(/\$(\d)/g, (whole, n: string) => subs[Number(n) - 1] ?? '').replace(/\$\$/g, '$');
}

export function fallbackMessage(key: string, subs: readonly string[] = []): string {
  const entry = FALLBACK[key];
  return entry ? substitute(entry, subs) : key;
}

type GetMessage = (key: string, subs?: string | string[]) => string;
let api: GetMessage | null | undefined;

function nativeGetMessage(): GetMessage | null {
  if (api !== undefined) return api;
  try {
    const fn = browser.i18n.getMessage.bind(browser.i18n) as unknown as GetMessage;
    fn('@@ui_locale'); // throws where it is not implemented (fake browsers)
    api = fn;
  } catch {
    api = null;
  }
  return api;
}

/** The message for `key` in the user's language, with `$1`... substituted. */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const strings = subs.map(String);
  const native = nativeGetMessage();
  if (native) {
    try {
      const message = native(key, strings);
      if (message) return message;
    } catch {
      // fall through to English
    }
  }
  return fallbackMessage(key, strings);
}

/** Picks the `_one` or `_other` form of a counted message (English plural rules; more languages add keys). */
export function tCount(one: MessageKey, other: MessageKey, count: number, formatted: string, ...rest: (string | number)[]): string {
  return count === 1 ? t(one, formatted, ...rest) : t(other, formatted, ...rest);
}

/** The user's locale for numbers and dates: the browser's UI language, else the page's. */
export function uiLocale(): string | undefined {
  try {
    const lang = browser.i18n.getUILanguage();
    if (lang) return lang;
  } catch {
    // not available
  }
  return typeof navigator === 'undefined' ? undefined : navigator.language;
}
