/**
 * Every word the public pages show, in English and German: the server-rendered pages and (under
 * `client`, handed to the page as JSON in a data attribute) what their scripts show. German must
 * have every key English has: `de` is typed as `Messages`, so a missing key fails tsc. Text is
 * plain (escaped where it is put into HTML) unless a function takes ready HTML (`…Html`).
 */
import { type ServicesMessages, servicesDe, servicesEn } from './services-messages.js';

export type Language = 'en' | 'de';

/** What the scripts in /assets show; `{name}` marks a value the script puts in. */
export interface ClientMessages {
  readonly googleUnavailable: string;
  readonly tryAgain: string;
  readonly googleNotAnswering: string;
  readonly signInFailed: string;
  readonly serverUnreachable: string;
  readonly signInPopupClosed: string;
  readonly signInPopupBlocked: string;
  readonly continueInWindow: string;
  readonly signInCancelled: string;
  readonly googleSaidRetry: string;
  readonly googleRefused: string;
  readonly unknownError: string;
  readonly offlineCancelled: string;
  readonly offlinePopupClosed: string;
  readonly offlinePopupBlocked: string;
  readonly offlineCancelledRetry: string;
  readonly googleSaid: string;
  readonly offlineOnFailed: string;
  readonly offlineOffFailed: string;
  readonly saveFailed: string;
  readonly signOutFailed: string;
}

export interface Messages {
  /** BCP 47 tag for `<html lang>` and the GIS button's `locale`. */
  readonly lang: string;
  readonly siteName: string;
  readonly signIn: {
    readonly title: string;
    readonly heading: string;
    readonly failed: (code: string) => string;
    readonly consentDenied: string;
    readonly signedOut: string;
    readonly button: string;
    readonly leadRequired: string;
    readonly leadOptional: string;
    readonly fine: string;
  };
  readonly account: {
    readonly title: string;
    readonly signedInWithGoogle: string;
    readonly email: string;
    readonly emailVerified: string;
    readonly yes: string;
    readonly no: string;
    readonly googleSub: string;
    readonly workspaceDomain: string;
    readonly role: string;
    readonly memberSince: string;
    readonly signOut: string;
  };
  readonly offline: {
    readonly scopeWords: Readonly<Record<string, string>>;
    readonly scopeFeatures: Readonly<Record<string, string>>;
    readonly googleReasonRisc: string;
    readonly googleReasonOther: string;
    readonly suspended: string;
    readonly offByUser: (whenHtml: string) => string;
    readonly adminReason: (reasonHtml: string) => string;
    readonly offByAdmin: (whenHtml: string, reasonHtml: string) => string;
    readonly offByGoogle: (whenHtml: string, reasonHtml: string) => string;
    readonly offOther: (whenHtml: string) => string;
    readonly reauth: (linkHref: string) => string;
    readonly expirySoon: (whenHtml: string, linkHref: string) => string;
    readonly expiryLater: (whenHtml: string) => string;
    readonly onSince: (whenHtml: string) => string;
    readonly offState: string;
    readonly turnOnLead: string;
    readonly partial: (featuresHtml: string) => string;
    readonly grantMissing: string;
    readonly turnOff: string;
    readonly confirmTitle: string;
    readonly confirmText: string;
    readonly keepOn: string;
    readonly confirmOff: string;
    readonly enable: string;
    readonly heading: string;
    readonly fine: string;
    readonly and: string;
  };
  readonly digest: {
    readonly title: string;
    readonly categories: Readonly<Record<string, string>>;
    readonly pauseWords: Readonly<Record<string, string>>;
    readonly resumeGrantScope: string;
    readonly resumeEnableScope: string;
    readonly resumeSuspended: string;
    readonly resumeNextRun: string;
    readonly resumeEnable: string;
    readonly error401: string;
    readonly error403: string;
    readonly errorUnreachable: string;
    readonly errorOther: (code: string) => string;
    readonly off: string;
    readonly paused: (wordsHtml: string, hintHtml: string) => string;
    readonly resuming: string;
    readonly failing: (timesHtml: string, whenHtml: string, errorHtml: string) => string;
    readonly timesInARow: (count: number) => string;
    readonly lastSent: (whenHtml: string) => string;
    readonly on: (lastHtml: string) => string;
    readonly needsOffline: string;
    readonly legend: string;
    readonly emailMe: string;
    readonly save: string;
  };
  readonly services: ServicesMessages;
  readonly error: {
    readonly title: string;
    readonly heading: string;
    readonly code: (codeHtml: string, status: number) => string;
    readonly back: string;
  };
  readonly client: ClientMessages;
}

export const en: Messages = {
  lang: 'en',
  siteName: 'Grantkeeper',
  signIn: {
    title: 'Sign in',
    heading: 'Sign in to Grantkeeper',
    failed: (code) => `Sign-in failed (${code}). Please try again.`,
    consentDenied:
      'You cancelled at Google, so you are not signed in: Grantkeeper needs offline access to work for you. Press the button to try again.',
    signedOut: 'You are signed out. Sign in again whenever you like.',
    button: 'Sign in with Google',
    leadRequired:
      'Use your Google account. Grantkeeper also asks to act for you while you are away, such as sending your news digest; you can turn that off at any time.',
    leadOptional: 'Use your Google account. We only learn your name, email address and picture.',
    fine: 'By signing in you agree that we keep a record of your sign-ins.',
  },
  account: {
    title: 'Your account',
    signedInWithGoogle: 'Signed in with Google',
    email: 'Email',
    emailVerified: 'Email verified',
    yes: 'yes',
    no: 'no',
    googleSub: 'Google account id',
    workspaceDomain: 'Workspace domain',
    role: 'Role',
    memberSince: 'Member since',
    signOut: 'Sign out',
  },
  offline: {
    scopeWords: {
      'https://www.googleapis.com/auth/gmail.send':
        'Send email as you, such as your news digest. It cannot read, change or delete your mail.',
      'https://www.googleapis.com/auth/userinfo.email': 'See your email address.',
      'https://www.googleapis.com/auth/userinfo.profile': 'See your name and profile picture.',
      openid: 'Know that it is you when you come back.',
    },
    scopeFeatures: {
      'https://www.googleapis.com/auth/gmail.send': 'the news digest (sending it to you by email)',
    },
    googleReasonRisc:
      'Google told us your account’s access was withdrawn (for example after a password change or a security check).',
    googleReasonOther:
      'Google no longer accepts it: you may have removed Grantkeeper in your Google Account, or the permission expired.',
    suspended: 'Paused while Google has your account disabled.',
    offByUser: (when) => `You switched it off on ${when}.`,
    adminReason: (reason) => ` The reason given: “${reason}”.`,
    offByAdmin: (when, reason) =>
      `An administrator turned it off on ${when}.${reason} You can turn it on again; ask them if you are unsure.`,
    offByGoogle: (when, reason) => `Google ended it on ${when}. ${reason}`,
    offOther: (when) => `It ended on ${when} (it expired or was withdrawn).`,
    reauth: (href) =>
      `Your organisation asks you to sign in to Google again before Grantkeeper can work for you. <a href="${href}">Sign in again</a>: it keeps your grant and your settings.`,
    expirySoon: (when, href) =>
      `Google ends this access on ${when}. <a href="${href}">Reconnect now</a> to keep it.`,
    expiryLater: (when) =>
      `Google ends this access on ${when}; you will be asked to reconnect before then.`,
    onSince: (when) => `<strong>On</strong> since ${when}. Grantkeeper can:`,
    offState: '<strong>Off</strong>.',
    turnOnLead: 'Turn it on and Grantkeeper can, while you are away:',
    partial: (features) =>
      `You did not grant everything, so ${features} stays off. Grantkeeper would also be able to:`,
    grantMissing: 'Grant the missing permission',
    turnOff: 'Turn off offline access',
    confirmTitle: 'Turn off offline access?',
    confirmText:
      'Grantkeeper stops acting for you while you are away: your news digest is no longer sent, and Google is told to forget the permission. You can turn it on again at any time.',
    keepOn: 'Keep it on',
    confirmOff: 'Turn off',
    enable: 'Enable offline access',
    heading: 'Offline access',
    fine: 'You can turn it off here at any time, or in your Google Account under "Third-party apps &amp; services".',
    and: ' and ',
  },
  digest: {
    title: 'News digest by email',
    categories: {
      technology: 'Technology',
      science: 'Science',
      business: 'Business',
      sports: 'Sports',
    },
    pauseWords: {
      grant_revoked: 'offline access is off',
      grant_not_found: 'offline access is off',
      grant_suspended: 'Google has your account disabled',
      scope_not_granted: 'you did not give Grantkeeper permission to send email for you',
    },
    resumeGrantScope:
      'It resumes once you grant that permission (the button under Offline access).',
    resumeEnableScope: 'It resumes when you turn offline access on and allow sending email.',
    resumeSuspended: 'It resumes when Google enables your account again.',
    resumeNextRun: 'It resumes at its next run.',
    resumeEnable: 'It resumes when you turn offline access on.',
    error401:
      'Google refused Grantkeeper’s access to your account, so the digest was not sent. Turn offline access off and on again to reconnect.',
    error403: 'Google did not let Grantkeeper send email for you, so the digest was not sent.',
    errorUnreachable: 'Gmail could not be reached, so the digest was not sent. It will try again.',
    errorOther: (code) => `The digest could not be sent (${code}). It will try again.`,
    off: 'Off.',
    paused: (words, hint) => `Paused: ${words}. ${hint}`,
    resuming: 'On. It resumes now that Grantkeeper has what it needs.',
    failing: (times, when, error) => `On, but the last run failed${times}, ${when}: ${error}`,
    timesInARow: (count) => ` (${count} times in a row)`,
    lastSent: (when) => ` Last sent ${when}.`,
    on: (last) => `On.${last}`,
    needsOffline:
      'These settings are off while offline access is off: the digest is sent while you are away, which needs it. Turn offline access on above first.',
    legend: 'Categories',
    emailMe: 'Email me the digest',
    save: 'Save',
  },
  services: servicesEn,
  error: {
    title: 'Error',
    heading: 'Something went wrong',
    code: (code, status) => `Error code: ${code} (HTTP ${status})`,
    back: 'Back to sign-in',
  },
  client: {
    googleUnavailable:
      "Google's sign-in could not be reached, so you cannot sign in right now. Check your connection, then ",
    tryAgain: 'try again',
    googleNotAnswering:
      'Google is not answering right now, so you are not signed in. Nothing was lost: press the button to try again in a minute.',
    signInFailed: 'Sign-in failed ({code}). Please try again.',
    serverUnreachable: 'Could not reach the server. Check your connection and try again.',
    signInPopupClosed:
      'The Google window was closed before you finished, so you are not signed in. Press the button to try again, or ',
    signInPopupBlocked:
      'The Google window could not be opened (pop-ups are blocked), so you are not signed in. Press the button again, or ',
    continueInWindow: 'continue with Google in this window',
    signInCancelled:
      'You cancelled at Google, so you are not signed in: Grantkeeper needs offline access to work for you. Press the button to try again.',
    googleSaidRetry: 'Google said: {error}. Press the button to try again.',
    googleRefused:
      'Google refused the request ({error}); offline access is unchanged. Please tell us if this keeps happening.',
    unknownError: 'unknown error',
    offlineCancelled: 'You cancelled at Google; offline access is unchanged.',
    offlinePopupClosed:
      'The Google window was closed before you finished; offline access is unchanged. Press the button to try again, or ',
    offlinePopupBlocked:
      'The Google window could not be opened (pop-ups are blocked); offline access is unchanged. Press the button again, or ',
    offlineCancelledRetry:
      'You cancelled at Google; offline access is unchanged. Press the button to try again.',
    googleSaid: 'Google said: {error}.',
    offlineOnFailed: 'Could not turn offline access on ({status}).',
    offlineOffFailed: 'Could not turn offline access off. Please try again.',
    saveFailed: 'Could not save ({status}).',
    signOutFailed: 'Could not sign you out. Please try again.',
  },
};

export const de: Messages = {
  lang: 'de',
  siteName: 'Grantkeeper',
  signIn: {
    title: 'Anmelden',
    heading: 'Bei Grantkeeper anmelden',
    failed: (code) => `Die Anmeldung ist fehlgeschlagen (${code}). Bitte versuchen Sie es erneut.`,
    consentDenied:
      'Sie haben bei Google abgebrochen und sind daher nicht angemeldet: Grantkeeper braucht Offline-Zugriff, um für Sie zu arbeiten. Drücken Sie die Schaltfläche, um es erneut zu versuchen.',
    signedOut: 'Sie sind abgemeldet. Melden Sie sich jederzeit wieder an.',
    button: 'Über Google anmelden',
    leadRequired:
      'Verwenden Sie Ihr Google-Konto. Grantkeeper bittet außerdem darum, in Ihrer Abwesenheit für Sie zu handeln, etwa Ihren Nachrichtenüberblick zu senden; das können Sie jederzeit abschalten.',
    leadOptional:
      'Verwenden Sie Ihr Google-Konto. Wir erfahren nur Ihren Namen, Ihre E-Mail-Adresse und Ihr Bild.',
    fine: 'Mit der Anmeldung stimmen Sie zu, dass wir Ihre Anmeldungen protokollieren.',
  },
  account: {
    title: 'Ihr Konto',
    signedInWithGoogle: 'Über Google angemeldet',
    email: 'E-Mail',
    emailVerified: 'E-Mail bestätigt',
    yes: 'ja',
    no: 'nein',
    googleSub: 'Google-Konto-ID',
    workspaceDomain: 'Workspace-Domain',
    role: 'Rolle',
    memberSince: 'Mitglied seit',
    signOut: 'Abmelden',
  },
  offline: {
    scopeWords: {
      'https://www.googleapis.com/auth/gmail.send':
        'E-Mails in Ihrem Namen senden, etwa Ihren Nachrichtenüberblick. Ihre E-Mails lesen, ändern oder löschen kann es nicht.',
      'https://www.googleapis.com/auth/userinfo.email': 'Ihre E-Mail-Adresse sehen.',
      'https://www.googleapis.com/auth/userinfo.profile': 'Ihren Namen und Ihr Profilbild sehen.',
      openid: 'Erkennen, dass Sie es sind, wenn Sie wiederkommen.',
    },
    scopeFeatures: {
      'https://www.googleapis.com/auth/gmail.send':
        'der Nachrichtenüberblick (Versand an Sie per E-Mail)',
    },
    googleReasonRisc:
      'Google hat uns mitgeteilt, dass der Zugriff Ihres Kontos entzogen wurde (zum Beispiel nach einer Passwortänderung oder einer Sicherheitsprüfung).',
    googleReasonOther:
      'Google akzeptiert ihn nicht mehr: Vielleicht haben Sie Grantkeeper in Ihrem Google-Konto entfernt, oder die Berechtigung ist abgelaufen.',
    suspended: 'Pausiert, solange Google Ihr Konto gesperrt hat.',
    offByUser: (when) => `Sie haben ihn am ${when} abgeschaltet.`,
    adminReason: (reason) => ` Angegebener Grund: „${reason}“.`,
    offByAdmin: (when, reason) =>
      `Ein Administrator hat ihn am ${when} abgeschaltet.${reason} Sie können ihn wieder einschalten; fragen Sie im Zweifel nach.`,
    offByGoogle: (when, reason) => `Google hat ihn am ${when} beendet. ${reason}`,
    offOther: (when) => `Er endete am ${when} (abgelaufen oder entzogen).`,
    reauth: (href) =>
      `Ihre Organisation verlangt, dass Sie sich erneut bei Google anmelden, bevor Grantkeeper für Sie arbeiten kann. <a href="${href}">Erneut anmelden</a>: Ihre Berechtigung und Ihre Einstellungen bleiben erhalten.`,
    expirySoon: (when, href) =>
      `Google beendet diesen Zugriff am ${when}. <a href="${href}">Jetzt neu verbinden</a>, um ihn zu behalten.`,
    expiryLater: (when) =>
      `Google beendet diesen Zugriff am ${when}; Sie werden vorher gebeten, neu zu verbinden.`,
    onSince: (when) => `<strong>Ein</strong> seit ${when}. Grantkeeper kann:`,
    offState: '<strong>Aus</strong>.',
    turnOnLead: 'Schalten Sie ihn ein, dann kann Grantkeeper in Ihrer Abwesenheit:',
    partial: (features) =>
      `Sie haben nicht alles erlaubt, daher bleibt ${features} aus. Grantkeeper könnte außerdem:`,
    grantMissing: 'Fehlende Berechtigung erteilen',
    turnOff: 'Offline-Zugriff abschalten',
    confirmTitle: 'Offline-Zugriff abschalten?',
    confirmText:
      'Grantkeeper handelt dann nicht mehr in Ihrer Abwesenheit für Sie: Ihr Nachrichtenüberblick wird nicht mehr gesendet, und Google wird angewiesen, die Berechtigung zu vergessen. Sie können ihn jederzeit wieder einschalten.',
    keepOn: 'Eingeschaltet lassen',
    confirmOff: 'Abschalten',
    enable: 'Offline-Zugriff einschalten',
    heading: 'Offline-Zugriff',
    fine: 'Sie können ihn hier jederzeit abschalten oder in Ihrem Google-Konto unter „Drittanbieter-Apps &amp; -Dienste“.',
    and: ' und ',
  },
  digest: {
    title: 'Nachrichtenüberblick per E-Mail',
    categories: {
      technology: 'Technik',
      science: 'Wissenschaft',
      business: 'Wirtschaft',
      sports: 'Sport',
    },
    pauseWords: {
      grant_revoked: 'der Offline-Zugriff ist aus',
      grant_not_found: 'der Offline-Zugriff ist aus',
      grant_suspended: 'Google hat Ihr Konto gesperrt',
      scope_not_granted: 'Sie haben Grantkeeper nicht erlaubt, E-Mails für Sie zu senden',
    },
    resumeGrantScope:
      'Er wird fortgesetzt, sobald Sie diese Berechtigung erteilen (die Schaltfläche unter Offline-Zugriff).',
    resumeEnableScope:
      'Er wird fortgesetzt, wenn Sie den Offline-Zugriff einschalten und das Senden von E-Mails erlauben.',
    resumeSuspended: 'Er wird fortgesetzt, wenn Google Ihr Konto wieder freigibt.',
    resumeNextRun: 'Er wird beim nächsten Lauf fortgesetzt.',
    resumeEnable: 'Er wird fortgesetzt, wenn Sie den Offline-Zugriff einschalten.',
    error401:
      'Google hat Grantkeeper den Zugriff auf Ihr Konto verweigert, daher wurde der Überblick nicht gesendet. Schalten Sie den Offline-Zugriff aus und wieder ein, um neu zu verbinden.',
    error403:
      'Google hat Grantkeeper nicht erlaubt, E-Mails für Sie zu senden, daher wurde der Überblick nicht gesendet.',
    errorUnreachable:
      'Gmail war nicht erreichbar, daher wurde der Überblick nicht gesendet. Es wird erneut versucht.',
    errorOther: (code) =>
      `Der Überblick konnte nicht gesendet werden (${code}). Es wird erneut versucht.`,
    off: 'Aus.',
    paused: (words, hint) => `Pausiert: ${words}. ${hint}`,
    resuming: 'Ein. Er wird fortgesetzt, da Grantkeeper jetzt hat, was es braucht.',
    failing: (times, when, error) =>
      `Ein, aber der letzte Lauf ist fehlgeschlagen${times}, ${when}: ${error}`,
    timesInARow: (count) => ` (${count}-mal in Folge)`,
    lastSent: (when) => ` Zuletzt gesendet ${when}.`,
    on: (last) => `Ein.${last}`,
    needsOffline:
      'Diese Einstellungen sind gesperrt, solange der Offline-Zugriff aus ist: Der Überblick wird in Ihrer Abwesenheit gesendet und braucht ihn. Schalten Sie zuerst oben den Offline-Zugriff ein.',
    legend: 'Kategorien',
    emailMe: 'Den Überblick per E-Mail senden',
    save: 'Speichern',
  },
  services: servicesDe,
  error: {
    title: 'Fehler',
    heading: 'Etwas ist schiefgelaufen',
    code: (code, status) => `Fehlercode: ${code} (HTTP ${status})`,
    back: 'Zurück zur Anmeldung',
  },
  client: {
    googleUnavailable:
      'Die Anmeldung von Google ist nicht erreichbar, daher können Sie sich gerade nicht anmelden. Prüfen Sie Ihre Verbindung, dann ',
    tryAgain: 'erneut versuchen',
    googleNotAnswering:
      'Google antwortet gerade nicht, daher sind Sie nicht angemeldet. Nichts ist verloren: Drücken Sie die Schaltfläche in einer Minute erneut.',
    signInFailed: 'Die Anmeldung ist fehlgeschlagen ({code}). Bitte versuchen Sie es erneut.',
    serverUnreachable:
      'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    signInPopupClosed:
      'Das Google-Fenster wurde geschlossen, bevor Sie fertig waren, daher sind Sie nicht angemeldet. Drücken Sie die Schaltfläche erneut, oder ',
    signInPopupBlocked:
      'Das Google-Fenster konnte nicht geöffnet werden (Pop-ups sind blockiert), daher sind Sie nicht angemeldet. Drücken Sie die Schaltfläche erneut, oder ',
    continueInWindow: 'in diesem Fenster mit Google fortfahren',
    signInCancelled:
      'Sie haben bei Google abgebrochen und sind daher nicht angemeldet: Grantkeeper braucht Offline-Zugriff, um für Sie zu arbeiten. Drücken Sie die Schaltfläche, um es erneut zu versuchen.',
    googleSaidRetry: 'Google meldet: {error}. Drücken Sie die Schaltfläche erneut.',
    googleRefused:
      'Google hat die Anfrage abgelehnt ({error}); der Offline-Zugriff ist unverändert. Bitte sagen Sie uns Bescheid, wenn das wieder vorkommt.',
    unknownError: 'unbekannter Fehler',
    offlineCancelled: 'Sie haben bei Google abgebrochen; der Offline-Zugriff ist unverändert.',
    offlinePopupClosed:
      'Das Google-Fenster wurde geschlossen, bevor Sie fertig waren; der Offline-Zugriff ist unverändert. Drücken Sie die Schaltfläche erneut, oder ',
    offlinePopupBlocked:
      'Das Google-Fenster konnte nicht geöffnet werden (Pop-ups sind blockiert); der Offline-Zugriff ist unverändert. Drücken Sie die Schaltfläche erneut, oder ',
    offlineCancelledRetry:
      'Sie haben bei Google abgebrochen; der Offline-Zugriff ist unverändert. Drücken Sie die Schaltfläche erneut.',
    googleSaid: 'Google meldet: {error}.',
    offlineOnFailed: 'Der Offline-Zugriff konnte nicht eingeschaltet werden ({status}).',
    offlineOffFailed:
      'Der Offline-Zugriff konnte nicht abgeschaltet werden. Bitte versuchen Sie es erneut.',
    saveFailed: 'Speichern fehlgeschlagen ({status}).',
    signOutFailed: 'Die Abmeldung ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
  },
};

const CATALOGUES: Readonly<Record<Language, Messages>> = { en, de };

export function messagesFor(language: Language): Messages {
  return CATALOGUES[language];
}

/**
 * The page language from an Accept-Language header (RFC 9110 §12.5.4): the highest-q range we
 * ship, `de` for `de` and any `de-*`; English for everything else (other languages, `*`, no
 * header, a header that does not parse). Never throws.
 */
export function pickLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) return 'en';
  let best: Language = 'en';
  let bestQ = 0;
  for (const part of value.split(',')) {
    const [rawRange, ...params] = part.trim().split(';');
    const range = (rawRange ?? '').trim().toLowerCase();
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(range)) continue;
    let q = 1;
    for (const param of params) {
      if (!/^\s*q\s*=/i.test(param)) continue;
      // A q-value that is not one (`q=abc`, `q=2`) drops its range.
      const match = /^\s*q\s*=\s*(0(\.\d{0,3})?|1(\.0{0,3})?)\s*$/i.exec(param);
      q = match ? Number(match[1]) : 0;
    }
    if (!(q > 0)) continue;
    // Only the languages we ship compete: `fr, de;q=0.8` is German, `fr` alone English.
    const language: Language | undefined =
      range === 'de' || range.startsWith('de-')
        ? 'de'
        : range === 'en' || range.startsWith('en-')
          ? 'en'
          : undefined;
    if (language === undefined) continue;
    // Ties keep the earlier range (the browser's own order).
    if (q > bestQ) {
      best = language;
      bestQ = q;
    }
  }
  return best;
}
