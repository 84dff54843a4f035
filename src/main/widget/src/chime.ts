// The optional sound of a new message (data-sound="true" or the deployment's Sound): two short
// soft tones made with Web Audio, nothing downloaded. Browsers let a page play sound only after the
// visitor interacted with it; until then (or without Web Audio) it stays silent.

let context: AudioContext | undefined;

export function chime(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume().catch(() => {});
    const now = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.12, 1320],
    ]) {
      const tone = context.createOscillator();
      const gain = context.createGain();
      tone.type = 'sine';
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + offset);
      gain.gain.exponentialRampToValueAtTime(0.08, now + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.25);
      tone.connect(gain).connect(context.destination);
      tone.start(now + offset);
      tone.stop(now + offset + 0.3);
    }
  } catch {
    // No Web Audio: no sound.
  }
}
