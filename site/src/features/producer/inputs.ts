import {
  type BaseUnit,
  baseUnits,
  type CreateFarmInput,
  type CreateLotInput,
  type ListingInput,
  type ListingPatch,
  type RecordEventInput,
} from '@chophien/core';
import type { Lang } from '../../i18n/index.ts';
import type { FieldReader } from './form.ts';
import { producerText } from './text.ts';

/**
 * Form fields → core inputs. Field names follow the core input's paths, so core's own validation
 * (the same zod schemas the API uses) reports on the right field; these builders only turn text into
 * numbers and dates and drop blanks. No rule lives here that core does not also enforce.
 */

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

export function farmInput(read: FieldReader, lang: Lang, ownerId: string | undefined): CreateFarmInput {
  const lat = read.decimal('gps.lat');
  const lng = read.decimal('gps.lng');
  if ((lat === undefined) !== (lng === undefined) && !read.errors['gps.lat'] && !read.errors['gps.lng'])
    read.fail(lat === undefined ? 'gps.lat' : 'gps.lng', producerText(lang).gpsBoth);
  return {
    ...optional('ownerId', ownerId),
    householdName: read.text('householdName') ?? '',
    province: read.text('province') ?? '',
    commune: read.text('commune') ?? '',
    ...(lat !== undefined && lng !== undefined ? { gps: { lat, lng } } : {}),
    ...optional('plantingAreaCode', read.text('plantingAreaCode')),
    ...optional('packingHouseCode', read.text('packingHouseCode')),
  };
}

export function certificationInput(read: FieldReader): Record<string, unknown> {
  return {
    scheme: read.text('scheme') ?? '',
    number: read.text('number') ?? '',
    issuer: read.text('issuer') ?? '',
    validUntil: read.text('validUntil') ?? '',
    ...optional('issuedOn', read.text('issuedOn')),
    ...optional('stars', read.int('stars')),
    ...optional('score', read.int('score')),
    ...optional('productId', read.text('productId')),
  };
}

export function lotInput(read: FieldReader): CreateLotInput {
  const en = read.text('productName.en');
  return {
    productName: { vi: read.text('productName.vi') ?? '', ...(en ? { en } : {}) },
    ...optional('productId', read.text('productId')),
    ...optional('gtin', read.text('gtin')),
    ...optional('lotCode', read.text('lotCode')),
    quantity: read.decimal('quantity') ?? 0,
    unit: (read.text('unit') ?? 'kg') as CreateLotInput['unit'],
    ...optional('harvestDate', read.text('harvestDate')),
    ...optional('packDate', read.text('packDate')),
    ...optional('bestBefore', read.text('bestBefore')),
  };
}

/** One form per event type: the hidden `type` picks which fields are read. */
export function eventInput(read: FieldReader): RecordEventInput {
  const time = read.vietnamTime('time') ?? '';
  const note = read.text('note');
  const common = { time, ...optional('note', note) };
  switch (read.text('type')) {
    case 'input':
      return {
        type: 'input',
        ...common,
        input: {
          kind: (read.text('input.kind') ?? 'fertiliser') as 'fertiliser' | 'pesticide',
          name: read.text('input.name') ?? '',
          ...optional('dose', read.text('input.dose')),
          ...optional('preHarvestIntervalDays', read.int('input.preHarvestIntervalDays')),
        },
      };
    case 'harvesting':
      return {
        type: 'harvesting',
        ...common,
        quantity: read.decimal('quantity') ?? 0,
        unit: read.text('unit') ?? '',
      };
    case 'packing':
      return {
        type: 'packing',
        ...common,
        quantity: read.decimal('quantity') ?? 0,
        unit: read.text('unit') ?? '',
        ...optional('location', read.text('location')),
      };
    default:
      return { type: 'shipping', ...common, to: read.text('to') ?? '' };
  }
}

export const PACK_ROWS = 4;

/**
 * Pack rows of a listing form. Blank rows are skipped, so `packRow` maps core's pack index back to the
 * form row for error messages. A row that edits an existing pack carries its id (`packs.N.id`): carts and
 * orders name packs by id, so an edited pack keeps it.
 */
function readPacks(read: FieldReader, lang: Lang, baseUnit: BaseUnit, rows: number) {
  const tx = producerText(lang);
  const unit = baseUnits.includes(baseUnit) ? baseUnit : 'g';
  const unitVi = producerText('vi').units[unit];
  const unitEn = producerText('en').units[unit];
  const packs: ListingInput['packs'] = [];
  const packRow: number[] = [];
  const ids = new Set<string>();
  for (let row = 0; row < rows; row++) {
    const f = (name: string) => `packs.${row}.${name}`;
    const size = read.int(f('size'));
    const price = read.int(f('priceVnd'));
    const label = read.text(f('label.vi'));
    if (size === undefined && price === undefined && label === undefined) continue;
    let id = read.text(f('id')) ?? `${size ?? row + 1}${unit}`.toLowerCase().replace(/[^a-z0-9-]/g, '');
    while (ids.has(id)) id = `${id}-${row + 1}`;
    ids.add(id);
    packRow.push(row);
    packs.push({
      id,
      label: {
        vi: label ?? `Gói ${size ?? ''} ${unitVi}`.trim(),
        ...(label ? {} : { en: `${size ?? ''} ${unitEn} pack`.trim() }),
      },
      size: size ?? 0,
      priceVnd: price ?? 0,
    } as ListingInput['packs'][number]);
    if (size === undefined && !read.errors[f('size')]) read.fail(f('size'), tx.numberNeeded);
    if (price === undefined && !read.errors[f('priceVnd')]) read.fail(f('priceVnd'), tx.numberNeeded);
  }
  return { packs, packRow };
}

/** Title and description; a blank description says what it is and where it is from (optional, sensible default). */
function readTexts(read: FieldReader, place: string) {
  const titleVi = read.text('title.vi') ?? '';
  const titleEn = read.text('title.en');
  const descEn = read.text('description.en');
  return {
    title: { vi: titleVi, ...(titleEn ? { en: titleEn } : {}) },
    description: {
      vi:
        read.text('description.vi') ??
        (titleVi ? `${titleVi}${place ? ` của nông hộ ở ${place}` : ''}.` : ''),
      ...(descEn ? { en: descEn } : {}),
    },
  };
}

/** The edit form of an existing listing → core's patch (the same fields the API's PATCH takes). */
export function listingPatchInput(
  read: FieldReader,
  lang: Lang,
  opts: { baseUnit: BaseUnit; rows: number },
): { patch: ListingPatch; packRow: number[] } {
  const { packs, packRow } = readPacks(read, lang, opts.baseUnit, opts.rows);
  const from = read.text('harvestWindow.from');
  const to = read.text('harvestWindow.to');
  const province = read.text('province') ?? '';
  const patch = {
    ...readTexts(read, province),
    category: read.text('category') ?? '',
    packs,
    province,
    ...optional('commune', read.text('commune')),
    ...optional('ocopStars', read.int('ocopStars')),
    ...(from || to ? { harvestWindow: { from: from ?? '', to: to ?? from ?? '' } } : {}),
  } as ListingPatch;
  return { patch, packRow };
}

/**
 * A listing from the form. An officer's listing carries the household and the consent they ticked.
 */
export function listingInput(
  read: FieldReader,
  lang: Lang,
  opts: { householdId: string; officer: boolean; now: Date },
): { input: ListingInput; packRow: number[] } {
  const tx = producerText(lang);
  const baseUnit = (read.text('baseUnit') ?? 'g') as BaseUnit;
  const { packs, packRow } = readPacks(read, lang, baseUnit, PACK_ROWS);
  const from = read.text('harvestWindow.from');
  const to = read.text('harvestWindow.to');
  let onBehalfOf: ListingInput['onBehalfOf'];
  if (opts.officer) {
    if (!read.checked('consent')) read.fail('consent', tx.consentRequired);
    const note = read.text('consentNote');
    onBehalfOf = {
      farmerId: opts.householdId,
      consent: {
        method: (read.text('consentMethod') ?? 'in_person') as 'in_person' | 'phone_call' | 'written',
        givenAt: opts.now.toISOString(),
        ...(note ? { note } : {}),
      },
    };
  }
  const input = {
    ...readTexts(read, read.text('province') ?? ''),
    category: read.text('category') ?? '',
    baseUnit,
    stock: read.int('stock') ?? 0,
    packs,
    province: read.text('province') ?? '',
    ...optional('commune', read.text('commune')),
    ...optional('ocopStars', read.int('ocopStars')),
    lotIds: read.list('lotIds'),
    ...(from || to ? { harvestWindow: { from: from ?? '', to: to ?? from ?? '' } } : {}),
    status: read.checked('publish') ? 'published' : 'draft',
    ...(onBehalfOf ? { onBehalfOf } : {}),
  } as ListingInput;
  return { input, packRow };
}

/** `packs.2.priceVnd` in core's input → `packs.<form row>.priceVnd`; other paths unchanged. */
export const packFieldOf = (packRow: readonly number[]) => (path: string) =>
  path.replace(/^packs\.(\d+)\./, (whole, index: string) => {
    const row = packRow[Number(index)];
    return row === undefined ? whole : `packs.${row}.`;
  });
