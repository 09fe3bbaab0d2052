/**
 * The standee check's scanner, in the browser (the page works without it: the QR's text can be pasted).
 * BarcodeDetector where the browser has one for QR codes (Android Chrome); otherwise jsQR, fetched only
 * then, so a phone that can detect natively never downloads it. A frame or photo is decoded locally; only
 * the QR's text is posted, with the form, to the server, which gives the verdict.
 */
type Decode = (source: CanvasImageSource, width: number, height: number) => Promise<string | undefined>;

interface Detector {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}
interface DetectorClass {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
}

/** jsQR reads pixels: large photos are scaled down first (a standee's QR is big in the picture). */
const MAX_SIDE = 1024;

async function nativeDecoder(): Promise<Decode | undefined> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Native) return undefined;
  try {
    if (!(await Native.getSupportedFormats()).includes('qr_code')) return undefined;
    const detector = new Native({ formats: ['qr_code'] });
    return async (source) => (await detector.detect(source))[0]?.rawValue;
  } catch {
    return undefined;
  }
}

async function jsDecoder(): Promise<Decode> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async (source, width, height) => {
    if (!context || width === 0 || height === 0) return undefined;
    const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
    return (
      jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' })?.data || undefined
    );
  };
}

let decoder: Promise<Decode> | undefined;
const decoderFor = () => {
  decoder ??= nativeDecoder().then((native) => native ?? jsDecoder());
  return decoder;
};

export function startScanner(form: HTMLFormElement): void {
  const scanner = form.querySelector<HTMLElement>('.scanner');
  const video = form.querySelector<HTMLVideoElement>('video');
  const status = form.querySelector<HTMLElement>('.scan-status');
  const payload = form.querySelector<HTMLTextAreaElement>('#payload');
  const photo = form.querySelector<HTMLInputElement>('#photo');
  const cameraButton = form.querySelector<HTMLButtonElement>('[data-action="camera"]');
  const stopButton = form.querySelector<HTMLButtonElement>('[data-action="stop"]');
  if (!scanner || !video || !status || !payload || !photo || !cameraButton || !stopButton) return;
  const say = (text: string | undefined) => {
    status.textContent = text ?? '';
  };
  let stream: MediaStream | undefined;

  const stop = () => {
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = undefined;
    video.hidden = true;
    stopButton.hidden = true;
    cameraButton.hidden = false;
  };
  const found = (text: string) => {
    stop();
    payload.value = text;
    say(form.dataset.read);
    form.requestSubmit();
  };

  // Camera scanning needs getUserMedia (a secure page); a photo works everywhere.
  if (typeof navigator.mediaDevices?.getUserMedia === 'function') scanner.hidden = false;

  cameraButton.addEventListener('click', async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
    } catch {
      say(form.dataset.noCamera);
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    stopButton.hidden = false;
    cameraButton.hidden = true;
    await video.play();
    say(form.dataset.scanning);
    const decode = await decoderFor();
    const tick = async () => {
      if (!stream) return;
      const text = await decode(video, video.videoWidth, video.videoHeight).catch(() => undefined);
      if (text) found(text);
      else requestAnimationFrame(() => void tick());
    };
    void tick();
  });
  stopButton.addEventListener('click', stop);

  photo.addEventListener('change', async () => {
    const file = photo.files?.[0];
    if (!file) return;
    say(form.dataset.scanning);
    try {
      const image = await createImageBitmap(file);
      const text = await (await decoderFor())(image, image.width, image.height);
      image.close();
      if (text) found(text);
      else say(form.dataset.noCode);
    } catch {
      say(form.dataset.noCode);
    }
  });
}
