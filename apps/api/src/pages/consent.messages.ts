import type { Language } from './messages.js';

/**
 * The words of `/consent/:id`, in English and German (German typed as English's, so a missing
 * key fails tsc). Plain text unless a function takes ready HTML (`…Html`).
 */
export interface ConsentMessages {
  readonly title: string;
  readonly heading: string;
  readonly signInLead: string;
  readonly signIn: string;
  readonly wrongUser: string;
  readonly wrongUserHint: string;
  readonly asks: (serviceHtml: string, teamHtml: string) => string;
  readonly forFeature: (featureHtml: string) => string;
  readonly scopesLead: string;
  readonly isNew: string;
  readonly hasAlready: string;
  readonly continue: string;
  readonly notNow: string;
  readonly fine: string;
  readonly expiresOn: (whenHtml: string) => string;
  readonly googleCancelled: string;
  readonly completed: string;
  readonly completedPartially: string;
  readonly stillMissing: string;
  readonly declined: string;
  readonly expired: string;
  readonly toAccount: string;
  readonly failed: string;
  /** Scopes the account page does not describe, in plain words. */
  readonly scopeWords: Readonly<Record<string, string>>;
}

const en: ConsentMessages = {
  title: 'Access request',
  heading: 'A service asks for access to your Google account',
  signInLead: 'Sign in with Google to see which service asks for what, and why.',
  signIn: 'Sign in with Google',
  wrongUser: 'This request is for another Google account than the one you are signed in with.',
  wrongUserHint:
    'Sign out on your account page and sign in with the account the request was sent to.',
  asks: (service, team) => `<strong>${service}</strong> (by ${team}) asks for more access.`,
  forFeature: (feature) => `It needs it for: ${feature}.`,
  scopesLead: 'If you agree, it will be able to:',
  isNew: 'new',
  hasAlready: 'already allowed',
  continue: 'Continue to Google',
  notNow: 'Not now',
  fine: 'Google asks you to confirm next; you can untick anything there, and switch access off on your account page at any time.',
  expiresOn: (when) => `This request is open until ${when}.`,
  googleCancelled: 'You did not finish at Google: nothing changed. The request is still open.',
  completed: 'Done: you gave the access asked for.',
  completedPartially: 'Done, but you did not give all of the access asked for.',
  stillMissing: 'Still not allowed:',
  declined: 'You said “not now” to this request. The service may ask again.',
  expired: 'This request has expired. The service may ask again.',
  toAccount: 'Go to your account',
  failed: 'That did not work. Reload the page and try again.',
  scopeWords: {
    'https://www.googleapis.com/auth/calendar.readonly':
      'See your calendars and events. It cannot change them.',
    'https://www.googleapis.com/auth/gmail.readonly':
      'Read your email. It cannot send or delete it.',
  },
};

const de: ConsentMessages = {
  title: 'Zugriffsanfrage',
  heading: 'Ein Dienst bittet um Zugriff auf Ihr Google-Konto',
  signInLead: 'Melden Sie sich mit Google an, um zu sehen, welcher Dienst worum bittet und wozu.',
  signIn: 'Über Google anmelden',
  wrongUser: 'Diese Anfrage gilt einem anderen Google-Konto als dem, mit dem Sie angemeldet sind.',
  wrongUserHint:
    'Melden Sie sich auf Ihrer Kontoseite ab und mit dem Konto an, an das die Anfrage ging.',
  asks: (service, team) => `<strong>${service}</strong> (von ${team}) bittet um mehr Zugriff.`,
  forFeature: (feature) => `Es braucht ihn für: ${feature}.`,
  scopesLead: 'Wenn Sie zustimmen, kann es:',
  isNew: 'neu',
  hasAlready: 'schon erlaubt',
  continue: 'Weiter zu Google',
  notNow: 'Jetzt nicht',
  fine: 'Google bittet Sie als Nächstes um Bestätigung; dort können Sie alles abwählen und den Zugriff jederzeit auf Ihrer Kontoseite ausschalten.',
  expiresOn: (when) => `Diese Anfrage gilt bis ${when}.`,
  googleCancelled:
    'Sie haben bei Google nicht abgeschlossen: Nichts hat sich geändert. Die Anfrage ist noch offen.',
  completed: 'Erledigt: Sie haben den erbetenen Zugriff gegeben.',
  completedPartially: 'Erledigt, aber Sie haben nicht den ganzen erbetenen Zugriff gegeben.',
  stillMissing: 'Weiterhin nicht erlaubt:',
  declined: 'Sie haben diese Anfrage mit „Jetzt nicht“ beantwortet. Der Dienst kann erneut fragen.',
  expired: 'Diese Anfrage ist abgelaufen. Der Dienst kann erneut fragen.',
  toAccount: 'Zu Ihrem Konto',
  failed: 'Das hat nicht geklappt. Laden Sie die Seite neu und versuchen Sie es noch einmal.',
  scopeWords: {
    'https://www.googleapis.com/auth/calendar.readonly':
      'Ihre Kalender und Termine sehen. Ändern kann es sie nicht.',
    'https://www.googleapis.com/auth/gmail.readonly':
      'Ihre E-Mails lesen. Senden oder löschen kann es sie nicht.',
  },
};

const CATALOGUES: Readonly<Record<Language, ConsentMessages>> = { en, de };

export function consentMessagesFor(language: Language): ConsentMessages {
  return CATALOGUES[language];
}
