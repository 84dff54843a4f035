// The widget's styles, inside its shadow root: the host page's CSS cannot reach in, and these
// rules cannot leak out. Colours meet WCAG AA contrast (4.5:1) on their backgrounds.

export function styles(color: string, onColor: string, position: 'left' | 'right'): string {
  return `
:host { all: initial; }
* { box-sizing: border-box; }
.root { position: fixed; ${position}: calc(20px + env(safe-area-inset-${position}, 0px));
  bottom: calc(20px + env(safe-area-inset-bottom, 0px)); z-index: 2147483000;
  font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
  display: flex; flex-direction: column; align-items: ${position === 'left' ? 'flex-start' : 'flex-end'}; gap: 12px; }
button { font: inherit; cursor: pointer; }
:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
header :focus-visible { outline-color: ${onColor}; outline-offset: -3px; }
.launcher { width: 56px; height: 56px; border-radius: 50%; border: 2px solid #ffffff;
  background: ${color}; color: ${onColor}; box-shadow: 0 4px 14px rgba(0,0,0,.3);
  display: grid; place-items: center; position: relative; }
.badge { position: absolute; top: -6px; ${position === 'left' ? 'right' : 'left'}: -6px; min-width: 22px; height: 22px;
  padding: 0 6px; border-radius: 11px; background: #b3261e; color: #ffffff; font-size: 12px;
  font-weight: 700; line-height: 22px; border: 2px solid #ffffff; }
.badge[hidden] { display: none; }
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.launcher[aria-expanded="true"] .icon-chat, .launcher[aria-expanded="false"] .icon-shut { display: none; }
.panel { width: min(370px, calc(100vw - 40px)); height: min(560px, calc(100vh - 110px));
  background: #ffffff; border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.25);
  display: flex; flex-direction: column; overflow: hidden; }
.panel[hidden] { display: none; }
header { background: ${color}; color: ${onColor}; padding: 12px 14px; display: flex;
  align-items: center; gap: 10px; }
.titles { flex: 1; min-width: 0; }
h2 { margin: 0; font-size: 17px; font-weight: 600; }
.subtitle { margin: 2px 0 0; font-size: 13px; }
.subtitle[hidden] { display: none; }
.picture:empty { display: none; }
.logo { display: block; width: 36px; height: 36px; border-radius: 8px; object-fit: contain;
  background: #ffffff; }
.avatar { display: grid; place-items: center; width: 36px; height: 36px; border-radius: 50%;
  background: #ffffff; color: #1a1a1a; font-weight: 700; font-size: 14px; }
.close { background: transparent; border: 0; color: inherit; font-size: 24px; line-height: 1;
  width: 36px; height: 36px; border-radius: 6px; }
.status { background: #fff4ce; color: #3d2e00; padding: 6px 14px; font-size: 13px; }
.status[hidden] { display: none; }
.body, .conversation { flex: 1; display: flex; flex-direction: column; min-height: 0; }
form.pre { padding: 16px; display: flex; flex-direction: column; gap: 12px; overflow-y: auto; }
.greeting { margin: 0; color: #3b3b3b; }
label { display: block; font-weight: 600; font-size: 14px; margin-bottom: -8px; }
.hint { font-weight: 400; color: #4a4a4a; }
input, textarea { font: inherit; color: #1a1a1a; background: #ffffff; border: 1px solid #767676;
  border-radius: 6px; padding: 8px 10px; }
input[aria-invalid="true"] { border-color: #b3261e; }
.error { color: #b3261e; font-size: 13px; font-weight: 400; }
.error:empty { display: none; }
.primary { background: ${color}; color: ${onColor}; border: 0; border-radius: 6px; padding: 10px 14px;
  font-weight: 600; }
.primary:disabled, [aria-disabled="true"] { opacity: .6; cursor: default; }
.secondary { background: #ffffff; color: #1a1a1a; border: 1px solid #767676; border-radius: 6px;
  padding: 9px 14px; }
.link { background: transparent; border: 0; color: #1a1a1a; text-decoration: underline;
  font-size: 13px; padding: 4px 6px; border-radius: 4px; }
.earlier-chats { flex: none; max-height: 40%; overflow-y: auto; border-bottom: 1px solid #d0d0d0;
  padding: 6px 14px; font-size: 13px; color: #1a1a1a; }
.earlier-chats summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
.earlier-chat h3 { font-size: 13px; margin: 8px 0 4px; color: #3b3b3b; }
.earlier-chat ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column;
  gap: 2px; }
.past .who { font-weight: 600; }
.past .text { white-space: pre-wrap; overflow-wrap: anywhere; }
.log { flex: 1; overflow-y: auto; padding: 12px 14px; margin: 0; list-style: none;
  display: flex; flex-direction: column; gap: 8px; }
.msg { max-width: 80%; display: flex; flex-direction: column; gap: 2px; }
.msg .who { font-size: 12px; color: #4a4a4a; }
.msg .text { padding: 8px 12px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.them { align-self: flex-start; }
.msg.them .text { background: #eef1f5; color: #1a1a1a; border-bottom-left-radius: 4px; }
.msg.me { align-self: flex-end; align-items: flex-end; }
.msg.me .text { background: ${color}; color: ${onColor}; border-bottom-right-radius: 4px; }
.msg .receipt { font-size: 12px; color: #4a4a4a; letter-spacing: -2px; }
.msg .receipt.read { color: #0a6b2d; font-weight: 700; }
.msg.follow { margin-top: -5px; }
.msg.follow .who { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.msg.me.follow .text { border-top-right-radius: 4px; }
.msg.them.follow .text { border-top-left-radius: 4px; }
.notice { align-self: center; font-size: 13px; color: #4a4a4a; text-align: center; }
.typing { min-height: 24px; padding: 0 14px 4px; font-size: 13px; color: #3b3b3b; }
.typing .bubble { display: inline-flex; align-items: center; gap: 8px; background: #eef1f5;
  border-radius: 12px; padding: 4px 10px; }
.dots { display: inline-flex; gap: 3px; }
.dots i { width: 6px; height: 6px; border-radius: 50%; background: #4a4a4a;
  animation: parley-dot 1.2s infinite ease-in-out; }
.dots i:nth-child(2) { animation-delay: .15s; }
.dots i:nth-child(3) { animation-delay: .3s; }
@keyframes parley-dot { 0%, 80%, 100% { opacity: .3; transform: translateY(0); }
  40% { opacity: 1; transform: translateY(-3px); } }
@media (prefers-reduced-motion: reduce) { .dots i { animation: none; } }
.composer { display: flex; flex-direction: column; gap: 6px; padding: 10px;
  border-top: 1px solid #d0d0d0; }
.composer .row { display: flex; gap: 8px; align-items: flex-end; }
.composer textarea { flex: 1; resize: none; max-height: 120px; min-width: 0; }
.attach { background: transparent; border: 1px solid #767676; border-radius: 6px; color: #1a1a1a;
  width: 40px; height: 40px; padding: 0; display: grid; place-items: center; flex: none; }
.attach[hidden] { display: none; }
.attach svg { width: 22px; height: 22px; fill: currentColor; }
.refusals { margin: 0; }
.tray { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px;
  max-height: 150px; overflow-y: auto; }
.tray[hidden] { display: none; }
.tray .file { display: flex; align-items: center; gap: 8px; border: 1px solid #d0d0d0;
  border-radius: 6px; padding: 4px 6px; }
.tray .remove { margin-left: auto; background: transparent; border: 0; color: #1a1a1a; font-size: 20px;
  line-height: 1; width: 32px; height: 32px; border-radius: 6px; flex: none; }
.thumb { width: 40px; height: 40px; object-fit: cover; border-radius: 4px; flex: none; }
.kind { width: 40px; height: 40px; border-radius: 4px; background: #eef1f5; color: #1a1a1a;
  font-size: 11px; font-weight: 700; display: grid; place-items: center; flex: none;
  overflow: hidden; }
.about { display: flex; flex-direction: column; min-width: 0; }
.about .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 14px; }
.about .meta { font-size: 12px; color: #4a4a4a; }
.msg .media { display: block; color: inherit; text-decoration: none; border-radius: 12px; }
.msg .media.image img { display: block; max-width: 220px; max-height: 220px; border-radius: 12px;
  border: 1px solid #d0d0d0; background: #eef1f5; min-width: 60px; min-height: 40px; }
.msg .media.file { display: flex; align-items: center; gap: 8px; padding: 6px 10px 6px 6px;
  background: #eef1f5; color: #1a1a1a; max-width: 260px; }
.msg .media.file .kind { background: #ffffff; }
.msg .media.file .name { text-decoration: underline; }
.msg.pending .pending-file { font-size: 13px; color: #4a4a4a; }
.msg progress { width: 160px; accent-color: ${color}; }
.conversation { position: relative; }
.drop { display: none; position: absolute; inset: 8px; border: 3px dashed ${color}; border-radius: 12px;
  background: rgba(255,255,255,.94); color: #1a1a1a; font-weight: 600; place-items: center;
  text-align: center; padding: 20px; pointer-events: none; }
.conversation.dropping .drop { display: grid; }
.end { display: flex; justify-content: flex-end; padding: 0 10px 8px; }
.confirm { display: flex; flex-wrap: wrap; align-items: center; justify-content: flex-end; gap: 8px;
  font-size: 14px; }
.confirm .primary, .confirm .secondary { padding: 6px 12px; }
.ended { padding: 12px; border-top: 1px solid #d0d0d0; display: flex; flex-direction: column; gap: 8px;
  align-items: center; }
/* Phones: the panel takes the whole screen (inside the safe area); the launcher hides behind it. */
@media (max-width: 480px), (max-height: 500px) {
  .root { ${position}: calc(16px + env(safe-area-inset-${position}, 0px)); }
  .panel { position: fixed; left: 0; right: 0; top: var(--parley-top, 0px); bottom: auto;
    width: 100%; height: var(--parley-height, 100dvh); border-radius: 0;
    padding: 0 env(safe-area-inset-right, 0px) env(safe-area-inset-bottom, 0px)
      env(safe-area-inset-left, 0px); }
  header { padding-top: calc(12px + env(safe-area-inset-top, 0px)); }
  .root:has(.panel:not([hidden])) .launcher { display: none; }
  .composer textarea { font-size: 16px; }
}
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
`;
}
