// A short tone through WebAudio for a new waiting chat. Browsers allow sound only after a user
// gesture on the page, so the context is made on the first one (the log-in click) and a chime
// before that is silent; the title's count is the cue that always works.

let context: AudioContext | undefined;

export function allowSound(): void {
  if (context || typeof AudioContext === 'undefined') return;
  try {
    context = new AudioContext();
  } catch {
    context = undefined;
  }
}

/** True when a tone was played (after a gesture allowed sound). */
export function chime(): boolean {
  if (!context) return false;
  try {
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.25);
    tone.connect(gain).connect(context.destination);
    tone.start();
    tone.stop(context.currentTime + 0.25);
    return true;
  } catch {
    // No sound is no failure: the title still counts.
    return false;
  }
}
