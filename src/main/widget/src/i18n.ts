// The widget's texts. A page overrides the title and greeting with data attributes; everything
// else follows the language: data-lang, else navigator.language, else English.

const en = {
  title: 'Chat with us',
  greeting: 'Hi! Leave us a message and we will answer here.',
  open: 'Open chat',
  close: 'Close chat',
  start: 'Start chat',
  starting: 'Starting…',
  name: 'Name',
  email: 'E-mail',
  phone: 'Phone',
  query: 'How can we help?',
  required: 'required',
  fieldRequired: (label: string) => `${label} is required.`,
  fieldInvalid: (label: string) => `${label} is not valid.`,
  messageLabel: 'Message',
  placeholder: 'Type a message…',
  send: 'Send',
  you: 'You',
  read: 'Read',
  sending: 'Sending…',
  agent: 'Agent',
  customer: 'Customer',
  messages: 'Messages',
  earlier: 'Loading earlier messages…',
  typing: (name: string) => `${name} is typing…`,
  joined: (name: string) => `${name} joined the chat`,
  left: (name: string) => `${name} left the chat`,
  newMessage: (name: string, text: string) => `${name}: ${text}`,
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  failed: 'The chat could not be started. Please try again.',
  unavailable: 'This chat is not available right now.',
  notSent: 'The message could not be sent. Please try again.',
  ended: 'This chat has ended.',
  newChat: 'Start a new chat',
  endChat: 'End chat',
  endQuestion: 'End this chat?',
  keepChatting: 'Keep chatting',
  endConfirmed: 'End chat',
  ending: 'Ending…',
  endFailed: 'The chat could not be ended. Please try again.',
  transcript: 'Download transcript',
  transcriptFailed: 'The transcript could not be made. Please try again.',
  attach: 'Attach a file',
  attachments: 'Files to send',
  remove: (name: string) => `Remove ${name}`,
  dropHere: 'Drop files here to attach them',
  uploading: 'Uploading…',
  uploadProgress: (percent: number) => `Uploading, ${percent}%`,
  refusedType: (name: string) => `${name} cannot be sent: files of this type are not accepted.`,
  refusedSize: (name: string, limit: string) =>
    `${name} cannot be sent: it is larger than ${limit}.`,
  refusedCount: (max: number) => `At most ${max} files can be sent at once.`,
  refusedTotal: (limit: string) => `Together the files may be at most ${limit}.`,
  refusedEmpty: (name: string) => `${name} cannot be sent: it is empty.`,
  uploadTooLarge: 'The files could not be sent: they are too large.',
  uploadTypeRefused: 'The files could not be sent: this type of file is not accepted.',
  attachment: 'Attachment',
  openFile: (name: string) => `Open ${name}`,
  chattingWith: (name: string) => `You are chatting with ${name}`,
  sent: 'Sent',
  unread: (count: number) => (count === 1 ? '1 unread message' : `${count} unread messages`),
};

export type Texts = typeof en;

const de: Texts = {
  title: 'Chatten Sie mit uns',
  greeting: 'Hallo! Schreiben Sie uns, wir antworten hier.',
  open: 'Chat öffnen',
  close: 'Chat schließen',
  start: 'Chat starten',
  starting: 'Wird gestartet…',
  name: 'Name',
  email: 'E-Mail',
  phone: 'Telefon',
  query: 'Wie können wir helfen?',
  required: 'Pflichtfeld',
  fieldRequired: (label) => `${label} ist ein Pflichtfeld.`,
  fieldInvalid: (label) => `${label} ist ungültig.`,
  messageLabel: 'Nachricht',
  placeholder: 'Nachricht schreiben…',
  send: 'Senden',
  you: 'Sie',
  read: 'Gelesen',
  sending: 'Wird gesendet…',
  agent: 'Mitarbeiter',
  customer: 'Kunde',
  messages: 'Nachrichten',
  earlier: 'Ältere Nachrichten werden geladen…',
  typing: (name) => `${name} schreibt…`,
  joined: (name) => `${name} ist dem Chat beigetreten`,
  left: (name) => `${name} hat den Chat verlassen`,
  newMessage: (name, text) => `${name}: ${text}`,
  connecting: 'Verbindung wird hergestellt…',
  reconnecting: 'Verbindung unterbrochen. Neuer Versuch…',
  failed: 'Der Chat konnte nicht gestartet werden. Bitte versuchen Sie es erneut.',
  unavailable: 'Dieser Chat ist gerade nicht verfügbar.',
  notSent: 'Die Nachricht konnte nicht gesendet werden. Bitte versuchen Sie es erneut.',
  ended: 'Dieser Chat ist beendet.',
  newChat: 'Neuen Chat starten',
  endChat: 'Chat beenden',
  endQuestion: 'Diesen Chat beenden?',
  keepChatting: 'Weiter chatten',
  endConfirmed: 'Chat beenden',
  ending: 'Wird beendet…',
  endFailed: 'Der Chat konnte nicht beendet werden. Bitte versuchen Sie es erneut.',
  transcript: 'Verlauf herunterladen',
  transcriptFailed: 'Der Verlauf konnte nicht erstellt werden. Bitte versuchen Sie es erneut.',
  attach: 'Datei anhängen',
  attachments: 'Zu sendende Dateien',
  remove: (name) => `${name} entfernen`,
  dropHere: 'Dateien hier ablegen, um sie anzuhängen',
  uploading: 'Wird hochgeladen…',
  uploadProgress: (percent) => `Wird hochgeladen, ${percent} %`,
  refusedType: (name) =>
    `${name} kann nicht gesendet werden: Dateien dieses Typs werden nicht angenommen.`,
  refusedSize: (name, limit) =>
    `${name} kann nicht gesendet werden: Die Datei ist größer als ${limit}.`,
  refusedCount: (max) => `Es können höchstens ${max} Dateien auf einmal gesendet werden.`,
  refusedTotal: (limit) => `Zusammen dürfen die Dateien höchstens ${limit} groß sein.`,
  refusedEmpty: (name) => `${name} kann nicht gesendet werden: Die Datei ist leer.`,
  uploadTooLarge: 'Die Dateien konnten nicht gesendet werden: Sie sind zu groß.',
  uploadTypeRefused:
    'Die Dateien konnten nicht gesendet werden: Dateien dieses Typs werden nicht angenommen.',
  attachment: 'Anhang',
  openFile: (name) => `${name} öffnen`,
  chattingWith: (name) => `Sie chatten mit ${name}`,
  sent: 'Gesendet',
  unread: (count) => (count === 1 ? '1 ungelesene Nachricht' : `${count} ungelesene Nachrichten`),
};

const languages: Record<string, Texts> = { en, de };

/** The language code used: the first of `wanted`, then the browser's, that the widget speaks. */
export function language(wanted: string | undefined): string {
  for (const tag of [wanted, navigator.language, ...(navigator.languages ?? [])]) {
    const code = tag?.toLowerCase().split('-')[0];
    if (code && code in languages) return code;
  }
  return 'en';
}

export function texts(lang: string): Texts {
  return languages[lang] ?? en;
}
