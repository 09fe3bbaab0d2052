/**
 * Amounts read aloud the way a Vietnamese market speaker ("loa thanh toán") says them:
 * 50000 → "năm mươi nghìn", 105000 → "một trăm linh năm nghìn", 21000 → "hai mươi mốt nghìn".
 */
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const SCALES = ['', 'nghìn', 'triệu'] as const;

function digit(n: number): string {
  return DIGITS[n] as string;
}

/** One group of three digits; `inner` = a higher group precedes it, so zeros must be spoken. */
function readGroup(value: number, inner: boolean): string[] {
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor((value % 100) / 10);
  const units = value % 10;
  const words: string[] = [];
  if (hundreds > 0 || inner) words.push(digit(hundreds), 'trăm');
  if (tens === 0) {
    if (units > 0 && words.length > 0) words.push('linh');
  } else if (tens === 1) {
    words.push('mười');
  } else {
    words.push(digit(tens), 'mươi');
  }
  if (units === 0) return words;
  if (units === 1 && tens >= 2) words.push('mốt');
  else if (units === 5 && tens >= 1) words.push('lăm');
  else if (units === 4 && tens >= 2) words.push('tư');
  else words.push(digit(units));
  return words;
}

function belowBillion(value: number, inner: boolean): string[] {
  const groups = [value % 1000, Math.floor(value / 1000) % 1000, Math.floor(value / 1_000_000)];
  const words: string[] = [];
  let spoken = inner;
  for (let index = 2; index >= 0; index--) {
    const group = groups[index] as number;
    if (group === 0) continue;
    words.push(...readGroup(group, spoken));
    if (SCALES[index]) words.push(SCALES[index] as string);
    spoken = true;
  }
  return words;
}

export function amountInVietnameseWords(vnd: number): string {
  if (!Number.isSafeInteger(vnd) || vnd < 0) throw new RangeError(`Not a whole VND amount: ${vnd}`);
  if (vnd === 0) return 'không';
  const billions = Math.floor(vnd / 1_000_000_000);
  const rest = vnd % 1_000_000_000;
  const words: string[] = [];
  if (billions > 0) words.push(amountInVietnameseWords(billions), 'tỷ');
  if (rest > 0) words.push(...belowBillion(rest, billions > 0));
  return words.join(' ');
}

/**
 * What the till says for one verified payment; with a sale, what is still missing (the underpayment
 * scam: a buyer sends 200 đ for a 200,000 đ bill) or what came in beyond the bill.
 */
export function spokenPayment(vnd: number, sale?: { shortfallVnd: number; surplusVnd: number }): string {
  const received = `Đã nhận ${amountInVietnameseWords(vnd)} đồng`;
  if (sale && sale.shortfallVnd > 0)
    return `${received}, còn thiếu ${amountInVietnameseWords(sale.shortfallVnd)} đồng`;
  if (sale && sale.surplusVnd > 0)
    return `${received}, thừa ${amountInVietnameseWords(sale.surplusVnd)} đồng`;
  return received;
}
